"""Retention's public contract: the only thing other modules, the ACL and the orchestration may import.

Raise the major of CONTRACT_VERSION with any breaking change; `aicmo contracts check` enforces it.
"""
from __future__ import annotations

from aicmo.retention.api.dtos import (
    AssessmentId,
    LifecycleStage,
    RenewalRiskFactors,
    RetentionAssessment,
    RetentionSignals,
    RiskLevel,
    UpsellKind,
    UpsellOffer,
)
from aicmo.retention.api.errors import (
    AssessmentNotFound,
)
from aicmo.retention.api.events import (
    ClientAtRisk,
    RetentionAssessed,
)
from aicmo.retention.api.ports import (
    RetentionPort,
)

CONTRACT_VERSION = "1.0.0"

__all__ = [
    "CONTRACT_VERSION",
    "AssessmentId",
    "AssessmentNotFound",
    "ClientAtRisk",
    "LifecycleStage",
    "RenewalRiskFactors",
    "RetentionAssessed",
    "RetentionAssessment",
    "RetentionPort",
    "RetentionSignals",
    "RiskLevel",
    "UpsellKind",
    "UpsellOffer",
]
