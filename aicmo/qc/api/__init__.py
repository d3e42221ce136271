"""QC's public contract: the only thing other modules, the ACL and the orchestration may import.

Raise the major of CONTRACT_VERSION with any breaking change; `aicmo contracts check` enforces it.
"""
from __future__ import annotations

from aicmo.qc.api.dtos import (
    CalendarCheck,
    CreativeCheck,
    Deduction,
    DocumentScore,
    DocumentScores,
    DocumentSection,
    DocumentText,
    Finding,
    FindingRule,
    PillarText,
    QcRequest,
    QcResult,
    QcResultId,
    QcStatus,
    QcVerdict,
    Ruleset,
    Severity,
    StrategyText,
)
from aicmo.qc.api.errors import (
    QcResultNotFound,
)
from aicmo.qc.api.events import (
    QcFailed,
    QcPassed,
)
from aicmo.qc.api.ports import (
    QcPort,
)

CONTRACT_VERSION = "1.1.0"

__all__ = [
    "CONTRACT_VERSION",
    "CalendarCheck",
    "CreativeCheck",
    "Deduction",
    "DocumentScore",
    "DocumentScores",
    "DocumentSection",
    "DocumentText",
    "Finding",
    "FindingRule",
    "PillarText",
    "QcFailed",
    "QcPassed",
    "QcPort",
    "QcRequest",
    "QcResult",
    "QcResultId",
    "QcResultNotFound",
    "QcStatus",
    "QcVerdict",
    "Ruleset",
    "Severity",
    "StrategyText",
]
