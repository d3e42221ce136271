"""Every piece of the legacy `aicmo run` and `aicmo acquire` JSON output fits the contract DTOs.

The journey runner must reproduce that output exactly from DTOs, so each value is carried
through a DTO and read back to the legacy value (Decimal money back to the legacy float).
"""
from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import Decimal
from enum import Enum
from pathlib import Path

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from aicmo.billing.api import BillingStatus, Invoice, Proposal
from aicmo.cam.api import (
    AcquisitionCampaign,
    Lead,
    LeadConversion,
    LeadProfile,
    LeadScore,
    NextAction,
    OutreachOutcome,
    OutreachStats,
    ProcessedReply,
    ProspectIntake,
    Qualification,
)
from aicmo.cli import app
from aicmo.client_review.api import Review, ReviewRound
from aicmo.delivery.api import Package
from aicmo.onboarding.api import ClientIntake, ClientProject, ProjectState
from aicmo.production.api import CalendarItem, Creative
from aicmo.qc.api import QcResult
from aicmo.reporting.api import OutreachEfficiency, PerformanceReport
from aicmo.retention.api import RetentionAssessment
from aicmo.strategy.api import Strategy

pytestmark = pytest.mark.legacy_internals("cam")

REPO = Path(__file__).resolve().parents[3]
AT = "2026-01-15T10:00:00+00:00"


def new_id() -> str:
    return str(uuid.uuid4())


def plain(value):
    """A DTO value as the legacy JSON writes it."""
    if isinstance(value, BaseModel):
        return {name: plain(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    return value


def carried(dto, legacy: dict, rename: dict | None = None) -> dict:
    """The legacy keys read back from the DTO, for comparison with the legacy dict."""
    rename = rename or {}
    return {key: plain(getattr(dto, rename.get(key, key))) for key in legacy}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """The reproducible legacy outputs of the full-funnel EU journey and the example acquisition."""
    from backend.db import session as legacy_session
    from backend.llm.client import set_llm_client

    folder = tmp_path_factory.mktemp("legacy")
    runner = CliRunner()
    common = ["--database-url", f"sqlite:///{folder}/aicmo.db", "--reproducible"]
    try:
        legacy_session.configure(None)
        journey = runner.invoke(app, ["run", str(REPO / "examples/intake_full_funnel_eu.json"), *common,
                                      "--out-dir", str(folder / "out"), "--json", str(folder / "r.json")])
        assert 0 == journey.exit_code, journey.output
        legacy_session.configure(None)
        acquisition = runner.invoke(app, ["acquire", str(REPO / "examples/leads.csv"), "--replies",
                                          str(REPO / "examples/replies.csv"), *common, "--json", str(folder / "a.json")])
        assert 0 == acquisition.exit_code, acquisition.output
    finally:
        legacy_session.configure(None)
        set_llm_client(None)
    return json.loads((folder / "r.json").read_text()), json.loads((folder / "a.json").read_text())


@pytest.fixture(scope="module")
def journey(outputs):
    return outputs[0]


@pytest.fixture(scope="module")
def acquisition(outputs):
    return outputs[1]


def test_the_client_project_carries_the_campaign_intake_and_brief(journey):
    """campaign, intake and brief fit ClientProject, ClientIntake and ClientBrief."""
    campaign = journey["campaign"]
    project = ClientProject(
        client_id=campaign["id"], name=campaign["name"], description=campaign["description"],
        state=campaign["project_state"], pack=campaign["service_key"], intake=journey["intake"],
        brief=journey["brief"], created_at=campaign["created_at"],
    )
    assert journey["intake"] == plain(project.intake.model_dump())
    assert journey["brief"] == plain(project.brief.model_dump())
    assert [ProjectState(s).value for s in journey["project_states"]] == journey["project_states"]
    assert (campaign["id"], campaign["created_at"]) == (project.client_id, project.created_at.isoformat())


def test_the_strategy_carries_document_errors_and_status(journey):
    """strategy fits Strategy with its StrategyDocument."""
    section = journey["strategy"]
    strategy = Strategy(
        strategy_id=new_id(), client_id=journey["campaign"]["id"], brief=journey["brief"],
        document=section["document"], validation_errors=section["validation_errors"],
        status=section["status"], created_at=AT,
    )
    assert section["document"] == plain(strategy.document.model_dump())
    assert (section["status"], section["validation_errors"]) == (strategy.status.value, list(strategy.validation_errors))
    assert journey["campaign"]["strategy_status"] == strategy.status.value


def test_creatives_and_calendar_fit_production_dtos(journey):
    """Each creative's production fields fit Creative; each calendar day fits CalendarItem."""
    for row in journey["creatives"]:
        production = {k: v for k, v in row.items() if k not in ("qc_score", "qc_status", "review_status", "review_notes")}
        fields = {k: v for k, v in production.items() if k != "id"}
        creative = Creative(**fields, creative_id=production["id"], created_at=AT)
        assert production == carried(creative, production, rename={"id": "creative_id"})
    for day in journey["calendar"]:
        assert day == plain(CalendarItem(**day).model_dump())


def test_every_qc_round_fits_a_qc_result(journey):
    """QC rounds, with findings, document scores and deductions, fit QcResult; qc_score comes from the last."""
    for legacy in journey["qc"]["rounds"]:
        result = QcResult(
            **legacy, qc_result_id=new_id(), client_id=journey["campaign"]["id"],
            creative_set_id=new_id(), evaluated_at=AT,
        )
        assert legacy == carried(result, legacy)
    last = QcResult(**journey["qc"]["rounds"][-1], qc_result_id=new_id(), client_id=journey["campaign"]["id"],
                    creative_set_id=new_id(), evaluated_at=AT)
    scores = {c.creative_id: (c.score, c.status.value) for c in last.creatives}
    assert {r["id"]: (r["qc_score"], r["qc_status"]) for r in journey["creatives"]} == scores


def test_the_review_fits_review_and_rounds(journey):
    """The package, its rounds and each creative's review notes fit Review."""
    legacy = journey["review"]
    notes = {r["id"]: r["review_notes"] for r in journey["creatives"]}
    rounds = [
        ReviewRound(**r, note=f"[{r['decision']}]" + "".join(
            f" {c['section']}: {c['change']} ({c['priority']});" for c in r["changes"]), recorded_at=AT)
        for r in legacy["rounds"]
    ]
    review = Review(
        review_id=new_id(), client_id=legacy["package"]["campaign_id"], creative_set_id=new_id(),
        qc_result_id=new_id(), creative_ids=legacy["package"]["creative_ids"], status=legacy["package"]["status"],
        rounds=rounds, created_at=AT,
        creatives=[{"creative_id": i, "review_status": rounds[-1].decision, "review_notes": "\n".join(r.note for r in rounds)}
                   for i in legacy["package"]["creative_ids"]],
    )
    assert legacy["rounds"] == [carried(r, lr) for r, lr in zip(review.rounds, legacy["rounds"], strict=True)]
    assert {c.creative_id: c.review_notes for c in review.creatives} == {i: notes[i] for i in legacy["package"]["creative_ids"]}
    assert legacy["final_status"] == review.rounds[-1].status.value


def test_the_delivery_fits_a_package(journey):
    """The delivery section, manifest included, fits Package (its invoice id comes from billing)."""
    legacy = {k: v for k, v in journey["delivery"].items() if k != "delivery_invoice_id"}
    package = Package(**legacy, client_id=journey["campaign"]["id"],
                      status="delivered", created_at=legacy["manifest"]["created_at"])
    assert legacy == carried(package, legacy)


def test_billing_fits_invoices_status_and_proposal_to_the_cent(journey):
    """Float invoice amounts become Decimals and read back to the same floats (Q-14)."""
    legacy = journey["billing"]
    client = journey["campaign"]["id"]
    invoices = [
        Invoice(**{k: v for k, v in i.items() if k not in ("id", "campaign_id")}, invoice_id=i["id"], client_id=client)
        for i in legacy["invoices"]
    ]
    status = BillingStatus(client_id=client, as_of="2026-01-15", invoices=invoices, outstanding=legacy["outstanding"],
                           overdue_count=legacy["overdue_count"])
    for invoice, raw in zip(status.invoices, legacy["invoices"], strict=True):
        assert raw == carried(invoice, raw, rename={"id": "invoice_id", "campaign_id": "client_id"})
    assert legacy["outstanding"] == float(status.outstanding)
    proposal = Proposal(client_id=client, **legacy["proposal"])
    assert legacy["proposal"] == carried(proposal, legacy["proposal"])
    assert journey["delivery"]["delivery_invoice_id"] in {i.invoice_id for i in invoices if i.kind.value == "delivery"}


def test_the_report_fits_a_performance_report(journey):
    """KPIs, changes, top and underperforming channels, alerts and period fit PerformanceReport."""
    legacy = journey["report"]
    report = PerformanceReport(
        report_id=legacy["snapshot_id"], client_id=journey["campaign"]["id"], period=legacy["period"],
        channels=[{"channel": name, **values} for name, values in legacy["channels"].items()],
        overall=legacy["overall"], top_channels=legacy["top_channels"],
        underperforming_channels=legacy["underperforming_channels"], average_roas=legacy["average_roas"],
        alerts=legacy["alerts"], created_at=AT,
    )
    assert legacy["channels"] == {c.channel: plain(c.model_dump(exclude={"channel"})) for c in report.channels}
    assert legacy["overall"] == plain(report.overall.model_dump())
    assert (legacy["period"], legacy["average_roas"]) == (plain(report.period.model_dump()), report.average_roas)


def test_the_retention_fits_an_assessment(journey):
    """Risk score, level, factors, stage and upsell offers fit RetentionAssessment."""
    legacy = journey["retention"]
    assessment = RetentionAssessment(**legacy, client_id=journey["campaign"]["id"], assessed_at=AT)
    assert legacy == carried(assessment, legacy)


def lead_from(row: dict, campaign_id: str) -> Lead:
    """An acquisition output row as the Lead DTO the cam port returns."""
    score = None
    if row["icp_fit"] is not None:
        score = LeadScore(icp_fit=row["icp_fit"], opportunity=row["opportunity"], lead_score=row["lead_score"], tier=row["tier"])
    qualification = None
    if row["qualification_status"] is not None:
        qualification = Qualification(status=row["qualification_status"], reason=row["rejection_reason"],
                                      intent_score=row["intent_score"])
    return Lead(
        lead_id=row["id"], campaign_id=campaign_id,
        profile=LeadProfile(name=row["name"], email=row["email"], company=row["company"]), score=score,
        tags=row["tags"], status=row["status"], qualification=qualification, grade=row["grade"],
        routing_sequence=row["routing_sequence"], next_action_at=row["next_action_at"], created_at=AT,
    )


def test_every_lead_fits_the_cam_dtos(acquisition):
    """Scores, tiers, qualification outcomes and reasons, grades, routes, outreach outcomes and next actions fit."""
    from backend.services.cam.campaigns import EXAMPLE_CAMPAIGN

    low, high = EXAMPLE_CAMPAIGN["targets"]["revenue_range"]  # legacy keeps the range as a pair
    targets = {**EXAMPLE_CAMPAIGN["targets"], "revenue_range": {"low": low, "high": high}}
    settings = AcquisitionCampaign.model_validate({**EXAMPLE_CAMPAIGN, "targets": targets})
    assert (acquisition["campaign"]["name"], acquisition["campaign"]["mode"]) == (settings.name, settings.mode.value)
    campaign_id = acquisition["campaign"]["id"]
    for row in acquisition["leads"]:
        lead = lead_from(row, campaign_id)
        action = NextAction(lead_id=lead.lead_id, next_action_at=row["next_action_at"], stop=row["stop"])
        outcome = None if row["outreach"] is None else OutreachOutcome(row["outreach"]).value
        read_back = {
            "id": lead.lead_id, "email": lead.profile.email, "name": lead.profile.name, "company": lead.profile.company,
            "icp_fit": lead.score and lead.score.icp_fit, "opportunity": lead.score and lead.score.opportunity,
            "lead_score": lead.score and lead.score.lead_score, "tier": lead.score and lead.score.tier.value,
            "tags": list(lead.tags),
            "qualification_status": lead.qualification and lead.qualification.status.value,
            "rejection_reason": lead.qualification and plain(lead.qualification.reason),
            "intent_score": lead.qualification and lead.qualification.intent_score,
            "grade": plain(lead.grade), "routing_sequence": plain(lead.routing_sequence), "outreach": outcome,
            "status": lead.status.value, "next_action_at": plain(action.next_action_at), "stop": action.stop,
        }
        assert row == read_back


def test_replies_conversions_and_the_summary_fit_the_dtos(acquisition):
    """Reply categories, conversions with intake and proposal, and the outreach efficiency fit."""
    for row in acquisition["replies"]:
        reply = ProcessedReply(**row, reply_id=new_id(), received_at=AT, processed_at=AT)
        assert row == carried(reply, row)
    for row in acquisition["conversions"]:
        intake = ClientIntake(**row["intake"])
        assert row["intake"] == plain(intake.model_dump())
        prefilled = {k: v for k, v in row["intake"].items() if k in ProspectIntake.model_fields and v is not None}
        prospect = ProspectIntake(**prefilled)
        LeadConversion(lead_id=row["lead_id"], reply_id=new_id(), intake=prospect)
        assert row["intake"] == plain(ClientIntake(**prospect.model_dump()).model_dump())
        proposal = Proposal(client_id=row["campaign_id"], **row["proposal"])
        assert row["proposal"] == carried(proposal, row["proposal"])
    summary = acquisition["summary"]
    known = sum(1 for r in acquisition["replies"] if r["lead_id"] is not None)
    stats = OutreachStats(sent=summary["sent"], failed=summary["failed"], replies=known)
    efficiency = OutreachEfficiency(delivery_rate=1.0, reply_rate=stats.replies / stats.sent, ctr=0.0,
                                    score=summary["outreach_efficiency"])
    assert summary["outreach_efficiency"] == efficiency.score
