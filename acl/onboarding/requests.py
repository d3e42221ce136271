"""The intake of `aicmo run` and `aicmo demo`: a loose request read the legacy way, as the contract DTO.

Unlike the port's read_intake_request, a refused request raises pydantic's ValidationError,
so the command can name every bad field the way it always did.
"""
from __future__ import annotations

from typing import Any, Mapping

from acl.onboarding.translation import intake_from_legacy
from aicmo.domain import ClientIntake as LegacyIntake
from aicmo.onboarding.api import ClientIntake

__all__ = ["intake_from_request"]


def intake_from_request(request: Mapping[str, Any]) -> ClientIntake:
    """Aliases and the "Unknown" brand of L-02; ValidationError when a field does not fit."""
    return intake_from_legacy(LegacyIntake.from_request(dict(request)))
