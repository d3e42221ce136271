"""The operator flow: a whole client journey in the one global session (spec section 12).

It commits at three points only (after onboarding, after production, at the end), so a failure
between two commits leaves the rows of the earlier steps behind (Q-30).
"""
from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy.orm import Session

from aicmo.core.db import SessionLocal
from aicmo.domain import ClientIntake, LeadSnapshot, Project, ProjectState, StrategyDoc
from backend.db.models import CampaignRow
from backend.services import client_review
from backend.services.billing import billing_status, build_proposal, issue_billing
from backend.services.delivery import package_delivery
from backend.services.onboarding import create_client
from backend.services.production import creatives_for, produce_calendar, produce_creatives, to_variant
from backend.generators.creative_generator import rewrite_caption
from backend.services.qc import evaluate_project
from backend.services.reporting import generate_report
from backend.services.retention import assess_retention
from backend.services.strategy import draft_strategy, strategy_status_for


def approve_strategy(session: Session, campaign_id: str) -> CampaignRow:
    """L-08: APPROVED and a stamp in the description; Q-04: project_state is left alone."""
    campaign = session.get(CampaignRow, campaign_id)
    if campaign is None:
        raise LookupError(f"campaign {campaign_id} not found")
    campaign.strategy_status = "APPROVED"
    campaign.description = f"{campaign.description} [Approved: {datetime.now(timezone.utc).isoformat()}]"
    session.flush()
    return campaign


def reject_strategy(session: Session, campaign_id: str, reason: str) -> CampaignRow:
    campaign = session.get(CampaignRow, campaign_id)
    if campaign is None:
        raise LookupError(f"campaign {campaign_id} not found")
    campaign.strategy_status = "REJECTED"
    campaign.description = f"{campaign.description} [Rejected: {reason}]"
    session.flush()
    return campaign


def _move(project: Project, campaign: CampaignRow, state: ProjectState, history: list[str]) -> None:
    project.transition_to(state)
    project.apply_to_campaign(campaign)
    history.append(state.value)


def _creative_dump(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "position": row.position,
        "platform": row.platform,
        "format": row.format,
        "pillar_index": row.pillar_index,
        "pillar_name": row.pillar_name,
        "hook": row.hook,
        "caption": row.caption,
        "cta": row.cta,
        "tone": row.tone,
        "status": row.status,
        "revision": row.revision,
        "qc_score": row.qc_score,
        "qc_status": row.qc_status,
        "review_status": row.review_status,
        "review_notes": row.review_notes,
    }


def _campaign_dump(campaign: CampaignRow) -> dict[str, Any]:
    return {
        "id": campaign.id,
        "name": campaign.name,
        "description": campaign.description,
        "project_state": campaign.project_state,
        "strategy_status": campaign.strategy_status,
        "service_key": campaign.service_key,
        "created_at": campaign.created_at.isoformat(),
    }


def _rewrite_failing(brief: dict[str, Any], creatives: list[Any], qc_result: dict[str, Any]) -> list[str]:
    failing = {r["creative_id"] for r in qc_result["creatives"] if not r["passed"]}
    rewritten = []
    for row in creatives:
        if row.id in failing:
            row.caption = rewrite_caption(brief, to_variant(row))
            row.revision += 1
            rewritten.append(row.id)
    return rewritten


def run_client_journey(intake: ClientIntake | dict[str, Any], out_dir: str | None = None) -> dict[str, Any]:
    if isinstance(intake, dict):
        intake = ClientIntake.from_request(intake)
    session = SessionLocal()
    try:
        brief = intake.to_brief()
        history: list[str] = []

        # onboarding
        campaign = create_client(session, intake)
        project = Project(id=campaign.id, name=campaign.name)
        _move(project, campaign, ProjectState.INTAKE_COMPLETE, history)
        session.commit()

        # strategy: generate, validate, auto-approve
        strategy, errors = draft_strategy(brief)
        campaign.strategy_text = strategy.model_dump_json()
        _move(project, campaign, ProjectState.STRATEGY_GENERATED, history)
        campaign.strategy_status = strategy_status_for(errors)
        approve_strategy(session, campaign.id)
        project = Project.from_campaign(campaign)  # still STRATEGY_GENERATED
        _move(project, campaign, ProjectState.STRATEGY_APPROVED, history)
        _move(project, campaign, ProjectState.CAMPAIGN_DEFINED, history)

        # production
        creatives = produce_creatives(session, campaign, brief, strategy)
        calendar = produce_calendar(intake.pack, strategy)
        _move(project, campaign, ProjectState.CREATIVE_GENERATED, history)
        session.commit()

        # qc, with one rewrite round on failure
        qc_rounds = [evaluate_project(session, intake, strategy, creatives, calendar)]
        _move(project, campaign, ProjectState(qc_rounds[0]["verdict"]), history)
        rewritten: list[str] = []
        if qc_rounds[0]["verdict"] == ProjectState.QC_FAILED.value:
            rewritten = _rewrite_failing(brief, creatives, qc_rounds[0])
            calendar = produce_calendar(intake.pack, strategy)
            qc_rounds.append(evaluate_project(session, intake, strategy, creatives, calendar))
            if qc_rounds[1]["verdict"] == ProjectState.QC_APPROVED.value:
                _move(project, campaign, ProjectState.QC_APPROVED, history)

        # client review (simulated client)
        package = client_review.build_review_package(campaign, creatives, qc_rounds[-1])
        package_rows = [row for row in creatives if row.id in set(package["creative_ids"])]
        review_rounds = []
        if client_review.simulated_client_requests_changes(campaign.name):
            review_rounds.append(
                client_review.record_feedback(
                    session, campaign, package_rows, "changes_requested", client_review.SIMULATED_CHANGES
                )
            )
        review_rounds.append(client_review.record_feedback(session, campaign, package_rows, "approved"))

        # delivery
        delivery = package_delivery(session, campaign, strategy, package_rows, calendar, intake.geography, out_dir)
        project = Project.from_campaign(campaign)
        if project.state != ProjectState.DELIVERED:
            _move(project, campaign, ProjectState.DELIVERED, history)
        else:
            history.append(ProjectState.DELIVERED.value)

        # billing
        issue_billing(session, campaign, intake.geography, date.today())
        billing = billing_status(session, campaign.id)
        proposal = build_proposal()

        # reporting
        report = generate_report(session, campaign, [c.name for c in strategy.channels])

        # retention
        invoices = billing_status(session, campaign.id)["invoices"]
        retention = assess_retention(
            session,
            campaign,
            last_engagement_at=datetime.now(timezone.utc),
            overdue_invoices=sum(1 for i in invoices if i["overdue"]),
            roas=report["overall"]["kpis"]["roas"],
            rejections=sum(1 for row in creatives if row.review_status == "rejected"),
            delivered=True,
            approved_first_round=len(review_rounds) == 1 and bool(package_rows),
            last_proposal_total=proposal["total"],
        )
        campaign.updated_at = datetime.now(timezone.utc)
        session.commit()

        return {
            "campaign": _campaign_dump(campaign),
            "intake": intake.model_dump(mode="json"),
            "brief": brief,
            "project_states": history,
            "strategy": {
                "document": strategy.model_dump(mode="json"),
                "validation_errors": errors,
                "status": campaign.strategy_status,
            },
            "creatives": [_creative_dump(row) for row in creatives_for(session, campaign.id)],
            "calendar": [item.model_dump(mode="json") for item in calendar],
            "qc": {"rounds": qc_rounds, "verdict": qc_rounds[-1]["verdict"], "rewritten_creative_ids": rewritten},
            "review": {"package": package, "rounds": review_rounds, "final_status": review_rounds[-1]["status"]},
            "delivery": delivery,
            "billing": {"proposal": proposal, **billing},
            "report": report,
            "retention": retention,
        }
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


def load_strategy(campaign: CampaignRow) -> StrategyDoc:
    return StrategyDoc.model_validate(json.loads(campaign.strategy_text or "{}"))


def run_acquisition(
    campaign: dict[str, Any] | None,
    leads: list[LeadSnapshot],
    replies: list[dict[str, Any]],
    batch: bool = False,
) -> dict[str, Any]:
    from backend.services.cam.acquisition import acquire
    from backend.services.cam.campaigns import load_campaign

    session = SessionLocal()
    try:
        result = acquire(session, load_campaign(campaign), leads, replies, batch=batch)
        session.commit()
        return result
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
