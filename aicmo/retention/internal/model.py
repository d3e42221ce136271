"""Retention's domain model: one assessment, its figures unrounded as legacy computed and stored them."""
from __future__ import annotations

import datetime as dt
import json

import attrs

from aicmo.retention.api import RetentionSignals
from aicmo.retention.internal.rules import days_since, lifecycle_stage, renewal_risk, risk_level, upsell_offers

__all__ = ["AssessmentRecord", "assess", "assessed"]


@attrs.frozen
class AssessmentRecord:
    """One assessment as retention keeps it: the score and the factors unrounded (the answer rounds them)."""

    assessment_id: str
    client_id: str
    days_since_engagement: int
    risk_score: float
    risk_level: str
    factors: tuple[tuple[str, float], ...]  # legacy's order: engagement, overdue, roas, rejections
    lifecycle_stage: str
    upsell: tuple[tuple[str, float], ...]  # (kind, value), scale_budget first
    assessed_at: dt.datetime

    @property
    def factors_json(self) -> str:
        """The factors as legacy's row holds them (keys sorted, floats as Python prints them)."""
        return json.dumps(dict(self.factors), sort_keys=True)

    @property
    def upsell_json(self) -> str:
        """The offers as legacy's row holds them."""
        return json.dumps([{"kind": kind, "value": value} for kind, value in self.upsell], sort_keys=True)


def assess(assessment_id: str, signals: RetentionSignals, now: dt.datetime) -> AssessmentRecord:
    """The assessment of the signals, read as legacy's adapter hands them to legacy (the proposal's total as a float)."""
    return assessed(
        assessment_id,
        str(signals.client_id),
        now,
        last_engagement_at=signals.last_engagement_at,
        overdue_invoices=signals.billing.overdue_count,
        roas=signals.report.overall.kpis.roas,
        rejections=signals.client_rejections,
        delivered=signals.delivered,
        approved_first_round=signals.approved_in_first_round,
        last_proposal_total=float(signals.last_proposal.total),
    )


def assessed(
    assessment_id: str,
    client_id: str,
    now: dt.datetime,
    *,
    last_engagement_at: dt.datetime,
    overdue_invoices: int,
    roas: float,
    rejections: int,
    delivered: bool,
    approved_first_round: bool,
    last_proposal_total: float,
) -> AssessmentRecord:
    """L-29..L-31 on legacy's own inputs, in legacy's order: the gap, the risk, the stage, the offers."""
    days = days_since(last_engagement_at, now)
    score, factors = renewal_risk(days, overdue_invoices, roas, rejections)
    level = risk_level(score)
    return AssessmentRecord(
        assessment_id=assessment_id,
        client_id=client_id,
        days_since_engagement=days,
        risk_score=score,
        risk_level=level,
        factors=tuple(factors.items()),
        lifecycle_stage=lifecycle_stage(delivered, level, days),
        upsell=tuple(upsell_offers(roas, approved_first_round, last_proposal_total)),
        assessed_at=now,
    )
