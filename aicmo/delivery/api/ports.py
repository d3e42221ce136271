"""Delivery's port: check the gate, deliver the package."""
from __future__ import annotations

from typing import Protocol, runtime_checkable

from aicmo.delivery.api.dtos import DeliveryRequest, GateCheck, Package, PackageId
from aicmo.shared.compensation import Compensation
from aicmo.shared.dto import IdempotencyKey

__all__ = ["DeliveryPort"]


@runtime_checkable
class DeliveryPort(Protocol):
    """What other modules and the orchestration may ask of delivery."""

    def check_gate(self, request: DeliveryRequest) -> GateCheck:
        """QC_APPROVED and client approval, or the problems (L-22)."""
        ...

    def deliver_package(self, request: DeliveryRequest, idempotency_key: IdempotencyKey) -> Package:
        """Build and write the zip (L-21); DeliveryGateClosed when the gate is enforced and fails (L-22, Q-11)."""
        ...

    def get_package(self, package_id: PackageId) -> Package:
        """A delivered package; PackageNotFound when unknown."""
        ...

    def withdraw_package(self, package_id: PackageId, idempotency_key: IdempotencyKey) -> Compensation:
        """Compensates deliver_package: the package is WITHDRAWN and its zip moved aside, beside it as
        `<name>.zip.<package id>.withdrawn`, so no reader finds it as a delivery; an unknown package is a no-op."""
        ...
