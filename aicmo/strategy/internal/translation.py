"""Strategy's domain objects as the contract DTOs of aicmo.strategy.api, and the plan back from one."""
from __future__ import annotations

from typing import Optional

from aicmo.onboarding.api import ClientBrief
from aicmo.strategy.api import (
    ChannelSplit,
    Kpi,
    Pillar,
    Strategy,
    StrategyDecision,
    StrategyDocument,
    StrategyId,
)
from aicmo.strategy.internal.model import Channel, Decision, Plan, PlanKpi, PlanPillar, StrategyRecord
from aicmo.strategy.internal.rules.validation import validation_errors

__all__ = ["decision_dto", "document_dto", "plan_from_document", "strategy_dto"]


def document_dto(plan: Plan) -> StrategyDocument:
    return StrategyDocument(
        executive_summary=plan.executive_summary,
        situation_analysis=plan.situation_analysis,
        strategy_narrative=plan.strategy_narrative,
        pillars=tuple(Pillar(name=p.name, description=p.description, kpi_impact=p.kpi_impact) for p in plan.pillars),
        kpis=tuple(Kpi(name=k.name, target=k.target, unit=k.unit, timeframe_days=k.timeframe_days) for k in plan.kpis),
        channels=tuple(ChannelSplit(name=c.name, budget_pct=c.budget_pct) for c in plan.channels),
        timeline=plan.timeline,
    )


def plan_from_document(document: StrategyDocument) -> Plan:
    return Plan(
        executive_summary=document.executive_summary,
        situation_analysis=document.situation_analysis,
        strategy_narrative=document.strategy_narrative,
        pillars=tuple(PlanPillar(p.name, p.description, p.kpi_impact) for p in document.pillars),
        kpis=tuple(PlanKpi(k.name, k.target, k.unit, k.timeframe_days) for k in document.kpis),
        channels=tuple(Channel(c.name, c.budget_pct) for c in document.channels),
        timeline=document.timeline,
    )


def decision_dto(decision: Decision) -> StrategyDecision:
    return StrategyDecision(decision=decision.kind, reason=decision.reason, decided_at=decision.decided_at,
                            project_note=decision.project_note)


def strategy_dto(record: StrategyRecord, decisions: Optional[tuple[Decision, ...]] = None) -> Strategy:
    """The strategy as the port answers it; `decisions` overrides the record's (a draft's answer carries none)."""
    return Strategy(
        strategy_id=StrategyId(record.strategy_id),
        client_id=record.client_id,
        brief=ClientBrief.model_validate(record.brief),
        document=document_dto(record.plan),
        validation_errors=tuple(validation_errors(record.plan)),
        status=record.status,
        decisions=tuple(decision_dto(d) for d in (record.decisions if decisions is None else decisions)),
        created_at=record.created_at,
    )
