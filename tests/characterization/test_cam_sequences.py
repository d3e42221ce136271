"""CAM stateful rules as runs of different steps on ONE lead (spec section 10).

Each test drives one lead (or one campaign) through several steps in order and pins, after
every step, what the lead looks like, what was written (every column) and what comes next.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from aicmo.domain import LeadSnapshot
from aicmo.operator_services import run_acquisition
from backend.db.models import CampaignRow
from backend.services.cam import conversion, grading, next_action, outreach, qualification, replies, routing, scoring
from backend.services.cam.campaigns import EXAMPLE_CAMPAIGN, create_campaign_row, load_campaign
from backend.services.cam.leads_io import insert_lead
from tests.characterization import corpus

pytestmark = [pytest.mark.aicmo_evidence(module="cam", suite="characterization"), pytest.mark.legacy_internals("cam", "orchestration", "domain")]

UTC = timezone.utc
PROSPECT = LeadSnapshot(
    name="Ana Lima", email="ana.lima@brightpay.io", company="BrightPay", title="VP Marketing", company_size="51-200",
    industry="fintech", revenue=12_000_000.0, country="UK", region="Europe", job_change=True, funded=True,
    decision_maker=True, budget="$10k/month", timeline="Q1", pain_points="Pipeline stalled",
)


def _lead_state(lead) -> dict:
    """What the flow reads of a lead between steps."""
    return {
        "status": lead.status, "tags": lead.tags, "notes": lead.notes, "next_action_at": lead.next_action_at,
        "first_contacted_at": lead.first_contacted_at, "last_contacted_at": lead.last_contacted_at,
    }


def _whats_next(lead, now: datetime) -> dict:
    at = next_action.next_action_at(lead, now)
    return {"next_action_in": str(at - now) if at else None, "stop": next_action.should_stop(lead, now)}


def _campaign(session, mode: str = "SIMULATION", max_per_day: int = 20):
    """The bundled campaign's targets, in ``mode``, created ten days ago."""
    campaign = load_campaign({**EXAMPLE_CAMPAIGN, "name": f"{mode} sequence", "mode": mode, "max_emails_per_day": max_per_day})
    row = create_campaign_row(session, campaign)
    row.created_at = datetime.now(UTC) - timedelta(days=10)  # warm-up over: 20 a day
    session.flush()
    return campaign, row


def test_outreach_steps_0_to_4_in_order_on_one_lead(legacy_session, db_effects, fixed_clock, snapshot_json):
    """L-38/L-40: each step's message, key, attempt row, the lead after it and its next action; a step twice is a duplicate."""
    # the key is (lead, message hash, step): step 4 repeats step 3's message and is sent, and the
    # same step with another message (the company changed) is sent again
    campaign, row = _campaign(legacy_session)
    lead = insert_lead(legacy_session, row.id, PROSPECT)
    steps = {}
    for step, day in zip(range(5), (0, 2, 5, 7, 9)):
        fixed_clock.move_to(datetime(2026, 1, 15, 10, 0, 0, 250000, tzinfo=UTC) + timedelta(days=day))
        now = datetime.now(UTC)
        sent, effects = db_effects(lambda: outreach.send_outreach(legacy_session, lead, row, campaign, step), legacy_session)
        again = outreach.send_outreach(legacy_session, lead, row, campaign, step)
        steps[f"step {step} day {day}"] = {
            "outcome": sent.outcome, "written": effects, "lead": _lead_state(lead), "next": _whats_next(lead, now),
            "again": [again.outcome, again.attempt.id == sent.attempt.id],
        }
    # the lead's company changes: step 4 again is another message, so not a duplicate of the one sent
    lead.company = "BrightPay Group"
    changed = outreach.send_outreach(legacy_session, lead, row, campaign, 4)
    steps["step 4 again after the company changed"] = [changed.outcome, changed.attempt.subject, changed.attempt.message_hash]
    fixed_clock.move_to(datetime(2026, 2, 14, 10, 0, 0, 250000, tzinfo=UTC))  # 30 days after the first send
    steps["30 days after the first send"] = _whats_next(lead, datetime.now(UTC))
    fixed_clock.tick(1)
    steps["and one second more"] = _whats_next(lead, datetime.now(UTC))
    assert snapshot_json == steps


def test_a_failed_live_send_is_never_retried(legacy_session, db_effects, fixed_clock, monkeypatch, snapshot_json):
    """Q-20/Q-21: a failed LIVE send uses quota and the same step again returns it, even with a provider, even a day later."""
    campaign, row = _campaign(legacy_session, mode="LIVE", max_per_day=2)
    lead = insert_lead(legacy_session, row.id, PROSPECT)
    calls = []

    def send(to, subject, body):
        calls.append([to, subject])
        if subject.startswith("A plan"):
            raise ConnectionError()  # an error without a message: its class name is stored

    run = {}
    for label, sender, step in [
        ("no provider, step 0", None, 0), ("provider now, step 0 again", send, 0), ("next day, step 0 again", send, 0),
        ("step 1", send, 1), ("step 2 raises", send, 2), ("step 2 again", send, 2), ("step 3 over the daily limit", send, 3),
    ]:
        monkeypatch.setattr(outreach, "EMAIL_SENDER", sender)
        if label.startswith("next day"):
            fixed_clock.tick(timedelta(days=1))
        result, effects = db_effects(lambda: outreach.send_outreach(legacy_session, lead, row, campaign, step), legacy_session)
        run[label] = {
            "outcome": result.outcome, "attempt": [result.attempt.status, result.attempt.error] if result.attempt else None,
            "written": effects, "lead": _lead_state(lead),
            "today": outreach.attempts_today(legacy_session, datetime.now(UTC), row.id, "email"),
        }
    assert snapshot_json == {"run": run, "provider calls": calls}


def test_replies_in_a_run_on_one_lead(legacy_session, db_effects, snapshot_json):
    """L-39/L-40/L-41: out of office, auto reply, positive, negative, positive on one lead; state, next action, conversion after each."""
    # a reply that sets no next action keeps the last one (in its reply's offset); a positive reply
    # after a negative one makes the lead REPLIED again and converts it a second time
    campaign, row = _campaign(legacy_session)
    lead = insert_lead(legacy_session, row.id, PROSPECT)
    lead.grade = "A"
    outreach.send_outreach(legacy_session, lead, row, campaign, 0)
    now = datetime.now(UTC)
    run = {}
    for label, received_at, body in [
        ("OOO +01:00", datetime(2026, 1, 15, 11, 2, 13, tzinfo=timezone(timedelta(hours=1))), "I am out of office this week."),
        ("AUTO_REPLY -05:00", datetime(2026, 1, 16, 6, 0, 0, 500000, tzinfo=timezone(timedelta(hours=-5))), "Automatic reply: on leave"),
        ("POSITIVE Z", datetime(2026, 1, 17, 9, 30, tzinfo=UTC), "Yes, let's book a call."),
        ("NEGATIVE +05:30", datetime(2026, 1, 18, 15, 0, tzinfo=timezone(timedelta(hours=5, minutes=30))), "Unfortunately we went elsewhere."),
        ("POSITIVE again", datetime(2026, 1, 19, 9, 0, tzinfo=UTC), "Sounds good after all"),
    ]:
        reply, effects = db_effects(lambda: replies.process_reply(legacy_session, "ANA.LIMA@brightpay.io ", received_at, body), legacy_session)
        converted, conversion_effects = db_effects(lambda: conversion.convert_reply(legacy_session, lead, reply), legacy_session)
        run[label] = {
            "reply": reply, "written": effects, "lead": _lead_state(lead), "next": _whats_next(lead, now),
            "conversion": converted, "conversion wrote": conversion_effects,
        }
    assert snapshot_json == run


def test_one_lead_from_import_to_conversion(legacy_session, db_effects, snapshot_json):
    """L-32..L-41: import, score, qualify, grade, route, send, reply, convert; every column each step writes."""
    campaign, row = _campaign(legacy_session)
    lead, imported = db_effects(lambda: insert_lead(legacy_session, row.id, PROSPECT), legacy_session)
    steps = {"import": imported}
    for name, step in [
        ("score", lambda: scoring.score_lead(legacy_session, lead, campaign)),
        ("qualify", lambda: qualification.qualify_lead(legacy_session, lead, campaign)),
        ("grade", lambda: grading.grade_lead(legacy_session, lead)),
        ("route", lambda: routing.route_lead(legacy_session, lead).name),
        ("send step 0", lambda: outreach.send_outreach(legacy_session, lead, row, campaign, 0).outcome),
    ]:
        result, effects = db_effects(step, legacy_session)
        steps[name] = {"result": result, "written": effects}
    reply, effects = db_effects(lambda: replies.process_reply(legacy_session, lead.email, datetime.now(UTC), "Interested!"), legacy_session)
    steps["reply"] = {"result": reply.category, "written": effects}
    converted, effects = db_effects(lambda: conversion.convert_reply(legacy_session, lead, reply), legacy_session)
    steps["convert"] = {"result": converted, "written": effects}
    assert snapshot_json == steps


def test_rescoring_and_requalifying_one_lead(legacy_session, db_effects, snapshot_json):
    """L-34/Q-16/Q-18/Q-19: rescoring resets the status to ENRICHED and adds a tier tag; notes pile up, routing overwrites them."""
    campaign, row = _campaign(legacy_session)
    # recent activity alone: intent 0.15, below LOW_INTENT, and not a decision maker
    quiet = PROSPECT.model_copy(update={"decision_maker": False, "job_change": False, "funded": False, "recent_activity": True})
    lead = insert_lead(legacy_session, row.id, quiet)
    run = {}
    for name, step in [
        ("single score", lambda: scoring.score_lead(legacy_session, lead, campaign)),
        ("qualify (low intent)", lambda: qualification.qualify_lead(legacy_session, lead, campaign)),
        ("qualify again", lambda: qualification.qualify_lead(legacy_session, lead, campaign)),
        ("route anyway", lambda: routing.route_lead(legacy_session, lead).name),
        ("send", lambda: outreach.send_outreach(legacy_session, lead, row, campaign, 0).outcome),
        ("batch rescore", lambda: scoring.score_leads_batch(legacy_session, [lead])),
        ("qualify after batch", lambda: qualification.qualify_lead(legacy_session, lead, campaign)),
        ("single score again", lambda: scoring.score_lead(legacy_session, lead, campaign)),
        ("grade", lambda: grading.grade_lead(legacy_session, lead)),
    ]:
        result, effects = db_effects(step, legacy_session)
        run[name] = {"result": result, "written": effects.get("cam_leads", {}).get("updated", {})}
    assert snapshot_json == run


def test_two_acquisition_runs_over_the_same_database(memory_db, db_effects, fixed_clock, snapshot_json):
    """Section 12: a later run creates its own campaign and leads; replies go to the newest lead of an address."""
    leads, reply_rows = corpus.leads()[:4], corpus.replies()[:4]
    first, _ = db_effects(lambda: run_acquisition(None, leads, reply_rows))
    fixed_clock.tick(timedelta(hours=1))
    second, effects = db_effects(lambda: run_acquisition(None, leads, reply_rows))
    with memory_db.session() as session:
        kinds = sorted(row.kind for row in session.query(CampaignRow))
    assert {r["lead_id"] for r in first["replies"]}.isdisjoint(r["lead_id"] for r in second["replies"])
    assert snapshot_json == {
        "first replies": first["replies"], "second replies": second["replies"], "second summary": second["summary"],
        "second wrote": {table: len(change["inserted"]) for table, change in effects.items()}, "campaign kinds": kinds,
    }
