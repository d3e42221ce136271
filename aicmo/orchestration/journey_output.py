"""The journey's DTOs rendered as the summary the legacy operator flow returned (`aicmo run --json`)."""
from __future__ import annotations

from typing import Any

from aicmo.billing.api import Milestone
from aicmo.client_review.api import ReviewRound
from aicmo.orchestration.journey import JourneyOutcome
from aicmo.orchestration.plain import plain

__all__ = ["journey_output"]


def _round(legacy_round: ReviewRound) -> dict[str, Any]:
    out = {"decision": legacy_round.decision.value, "status": legacy_round.status.value,
           "round": legacy_round.round, "changes": plain(legacy_round.changes)}
    if legacy_round.revision_plan is not None:  # legacy adds the plan only when changes were asked
        out["revision_plan"] = plain(legacy_round.revision_plan)
    return out


def _creatives(outcome: JourneyOutcome) -> list[dict[str, Any]]:
    checks = {c.creative_id: c for c in outcome.qc_rounds[-1].creatives}
    reviews = {c.creative_id: c for c in outcome.review.creatives}
    rows = []
    for creative in outcome.creatives.creatives:
        check, review = checks.get(creative.creative_id), reviews.get(creative.creative_id)
        row = plain(creative, exclude=("creative_id", "created_at"))
        rows.append({
            "id": creative.creative_id,
            **row,
            "qc_score": check.score if check else None,
            "qc_status": check.status.value if check else None,
            "review_status": review.review_status.value if review and review.review_status else None,
            "review_notes": review.review_notes if review else None,
        })
    return rows


def journey_output(outcome: JourneyOutcome) -> dict[str, Any]:
    """The dict `run_client_journey` of the operator flow returns, key for key."""
    project, report, package = outcome.project, outcome.report, outcome.package
    delivery_invoice = next((i.invoice_id for i in outcome.billing.invoices if i.kind is Milestone.DELIVERY), None)
    return {
        "campaign": {
            "id": project.client_id,
            "name": project.name,
            "description": project.description,
            "project_state": project.state.value,
            "strategy_status": outcome.strategy.status.value,
            "service_key": project.pack.value,
            "created_at": project.created_at.isoformat(),
        },
        "intake": plain(outcome.intake),
        "brief": plain(project.brief),
        "project_states": list(outcome.project_states),
        "strategy": {
            "document": plain(outcome.drafted.document),
            "validation_errors": list(outcome.drafted.validation_errors),
            "status": outcome.strategy.status.value,
        },
        "creatives": _creatives(outcome),
        "calendar": plain(outcome.calendar.items),
        "qc": {
            "rounds": [plain(r, exclude=("qc_result_id", "client_id", "creative_set_id", "evaluated_at")) for r in outcome.qc_rounds],
            "verdict": outcome.qc_rounds[-1].verdict.value,
            "rewritten_creative_ids": list(outcome.rewritten),
        },
        "review": {
            "package": {"campaign_id": outcome.opened_review.client_id, "creative_ids": list(outcome.opened_review.creative_ids),
                        "status": outcome.opened_review.status.value},
            "rounds": [_round(r) for r in outcome.review.rounds],
            "final_status": outcome.review.rounds[-1].status.value if outcome.review.rounds else outcome.review.status.value,
        },
        "delivery": {**plain(package, exclude=("client_id", "status", "created_at")), "delivery_invoice_id": delivery_invoice},
        "billing": {
            "proposal": plain(outcome.proposal, exclude=("client_id",)),
            "invoices": [
                {"id": i.invoice_id, "campaign_id": i.client_id, **plain(i, exclude=("invoice_id", "client_id", "paid_at"))}
                for i in outcome.billing.invoices
            ],
            "outstanding": plain(outcome.billing.outstanding),
            "overdue_count": outcome.billing.overdue_count,
        },
        "report": {
            "channels": {c.channel: plain(c, exclude=("channel",)) for c in report.channels},
            "overall": plain(report.overall),
            "top_channels": list(report.top_channels),
            "underperforming_channels": list(report.underperforming_channels),
            "average_roas": report.average_roas,
            "alerts": plain(report.alerts),
            "period": plain(report.period),
            "snapshot_id": report.report_id,
        },
        "retention": plain(outcome.retention, exclude=("client_id", "assessed_at")),
    }
