"""Onboarding's public contract: the only thing other modules, the ACL and the orchestration may import.

Raise the major of CONTRACT_VERSION with any breaking change; `aicmo contracts check` enforces it.
"""
from __future__ import annotations

from aicmo.onboarding.api.dtos import (
    BriefGoal,
    ClientBrief,
    ClientIntake,
    ClientProject,
    IntakeCompleteness,
    IntakeField,
    Pack,
    PrimaryGoal,
    ProjectState,
)
from aicmo.onboarding.api.errors import (
    ClientNotFound,
    IllegalStateTransition,
)
from aicmo.onboarding.api.events import (
    ClientOnboarded,
    ProjectStateChanged,
)
from aicmo.onboarding.api.ports import (
    OnboardingPort,
)

CONTRACT_VERSION = "1.4.0"

__all__ = [
    "CONTRACT_VERSION",
    "BriefGoal",
    "ClientBrief",
    "ClientIntake",
    "ClientNotFound",
    "ClientOnboarded",
    "ClientProject",
    "IllegalStateTransition",
    "IntakeCompleteness",
    "IntakeField",
    "OnboardingPort",
    "Pack",
    "PrimaryGoal",
    "ProjectState",
    "ProjectStateChanged",
]
