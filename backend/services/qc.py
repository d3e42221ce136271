"""QC: checks creatives, calendar, strategy document and intake (spec section 4).

Writes each creative's result onto its creative_assets row (Q-09).
"""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from aicmo.domain import CalendarItem, ClientIntake, StrategyDoc
from backend.db.models import CreativeAssetRow
from backend.generators.calendar_generator import render_calendar
from backend.services import qc_rules


def evaluate_creative(row: CreativeAssetRow) -> dict[str, Any]:
    findings = qc_rules.creative_findings(row.hook, row.caption)
    score = qc_rules.ruleset_score(findings)
    status = qc_rules.ruleset_status(findings)
    passed = qc_rules.creative_passes(score, findings)
    # QC's result lands in production's table
    row.qc_score = score
    row.qc_status = status
    row.qc_issues = json.dumps(findings)
    return {
        "creative_id": row.id,
        "position": row.position,
        "platform": row.platform,
        "pillar_index": row.pillar_index,
        "score": score,
        "status": status,
        "passed": passed,
        "findings": findings,
    }


def score_strategy_document(strategy: StrategyDoc, calendar: list[CalendarItem]) -> dict[str, Any]:
    """L-16b: the strategy document, section by section; reported, never gating."""
    overview = f"## Overview\n\n{strategy.executive_summary}\n\n{strategy.situation_analysis}\n"
    pillars = "\n\n".join(f"### {p.name}\n\n{p.description}" for p in strategy.pillars)
    strategy_text = f"## Strategy\n\n{strategy.strategy_narrative}\n\n{pillars}\n"
    return {
        "overview": qc_rules.score_document(overview, "overview"),
        "strategy": qc_rules.score_document(strategy_text, "strategy"),
        "calendar": qc_rules.score_document(render_calendar(calendar), "calendar"),
    }


def evaluate_project(
    session: Session,
    intake: ClientIntake,
    strategy: StrategyDoc,
    creatives: list[CreativeAssetRow],
    calendar: list[CalendarItem],
) -> dict[str, Any]:
    creative_results = [evaluate_creative(row) for row in creatives]
    calendar_findings = qc_rules.calendar_findings([item.hook for item in calendar])
    all_pass = all(r["passed"] for r in creative_results)
    calendar_major = any(f["severity"] == "MAJOR" for f in calendar_findings)
    verdict = "QC_APPROVED" if all_pass and not calendar_major else "QC_FAILED"
    session.flush()
    return {
        "ruleset": "v1",
        "verdict": verdict,
        "creatives": creative_results,
        "calendar": {
            "duplicate_hook_share": round(qc_rules.duplicate_hook_share([i.hook for i in calendar]), 4),
            "findings": calendar_findings,
        },
        "documents": score_strategy_document(strategy, calendar),
        "intake_findings": qc_rules.intake_findings(intake.missing_fields()),
    }
