"""QC translation: the legacy evaluation dict <-> QcResult, and the request <-> legacy inputs."""
from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from typing import Any

from acl._support.translate import build
from aicmo.domain import Pillar, StrategyDoc
from aicmo.qc.api import (
    CreativeCheck,
    DocumentScore,
    QcResult,
    QcResultId,
    StrategyText,
)

__all__ = ["check_from_legacy", "document_score_from_legacy", "intake_stand_in", "result_from_legacy", "strategy_stand_in"]


def strategy_stand_in(strategy: StrategyText) -> StrategyDoc:
    """The legacy plan as far as QC reads it: the texts and the pillars' names and descriptions."""
    # model_construct: QC never reads kpis, channels or kpi_impact, which the request does not carry
    pillars = [Pillar.model_construct(name=p.name, description=p.description, kpi_impact="") for p in strategy.pillars]
    return StrategyDoc.model_construct(
        executive_summary=strategy.executive_summary,
        situation_analysis=strategy.situation_analysis,
        strategy_narrative=strategy.strategy_narrative,
        pillars=pillars,
        kpis=[],
        channels=[],
        timeline="",
    )


def intake_stand_in(missing_fields: tuple[str, ...]) -> Any:
    """The legacy intake as far as QC reads it: its missing required fields."""
    return SimpleNamespace(missing_fields=lambda: list(missing_fields))


def result_from_legacy(
    legacy: dict[str, Any], qc_result_id: QcResultId, client_id: str, creative_set_id: str, evaluated_at: datetime
) -> QcResult:
    return build(
        QcResult,
        {**legacy, "qc_result_id": qc_result_id, "client_id": client_id, "creative_set_id": creative_set_id, "evaluated_at": evaluated_at},
        "legacy QC evaluation",
    )


def check_from_legacy(legacy: dict[str, Any]) -> CreativeCheck:
    return build(CreativeCheck, legacy, "legacy creative check")


def document_score_from_legacy(legacy: dict[str, Any]) -> DocumentScore:
    return build(DocumentScore, legacy, "legacy document score")
