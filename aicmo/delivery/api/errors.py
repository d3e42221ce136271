"""Delivery's contract errors."""
from __future__ import annotations

from aicmo.shared.errors import NotFound, RuleViolation

__all__ = ["DeliveryGateClosed", "PackageNotFound"]


class DeliveryGateClosed(RuleViolation):
    """The enforced gate refused delivery; ``details["problems"]`` lists why."""

    code = "delivery_gate_closed"


class PackageNotFound(NotFound):
    """No package with that id."""

    code = "package_not_found"
