"""Conversion of positive replies (L-41), the input files, and a whole `acquire` run."""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from aicmo.domain import LeadSnapshot
from backend.db.models import CampaignRow, LeadRow
from backend.services.cam.acquisition import acquire
from backend.services.cam.campaigns import EXAMPLE_CAMPAIGN, create_campaign_row, load_campaign
from backend.services.cam.conversion import convert_reply
from backend.services.cam.leads_io import LeadFileError, insert_lead, read_leads_csv, read_replies_csv
from backend.services.cam.replies import process_reply
from backend.services.cam.scoring import lead_tags

pytestmark = pytest.mark.legacy_internals("cam", "domain")

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
NOW = "2026-01-15T10:00:00Z"
RECEIVED = datetime(2026, 1, 15, 11, tzinfo=timezone.utc)
HEADER = ("name,email,company,title,company_size,industry,revenue,country,region,job_change,funded,hiring,"
          "recent_activity,decision_maker,budget_authority,budget,timeline,pain_points\n")


def graded_lead(session, grade: str) -> LeadRow:
    snapshot = LeadSnapshot(name="Alice Moreno", email="alice@brightpay.io", company="BrightPay",
                            industry="fintech", country="US", pain_points="Low demo conversion")
    lead = insert_lead(session, create_campaign_row(session, load_campaign(None)).id, snapshot)
    lead.grade = grade
    return lead


@freeze_time(NOW)
def test_l41_positive_reply_on_grade_a_lead_creates_a_client(session):
    """A POSITIVE reply on an A/B lead onboards the company with the L-26 proposal."""
    lead = graded_lead(session, "A")
    reply = process_reply(session, lead.email, RECEIVED, "Yes, let's have a call")
    result = convert_reply(session, lead, reply)
    project = session.get(CampaignRow, result["campaign_id"])
    assert ("BrightPay", "project", "STRATEGY_DRAFT") == (project.name, project.kind, project.project_state)
    expected_intake = {"brand_name": "BrightPay", "contact_email": "alice@brightpay.io", "industry": "fintech",
                       "geography": "US", "pain_points": ["Low demo conversion"], "pack": "strategy_campaign"}
    assert expected_intake == {k: result["intake"][k] for k in expected_intake}
    assert 50000.0 == result["proposal"]["total"]
    assert lead.id == result["lead_id"]
    assert "converted" in lead_tags(lead)


@freeze_time(NOW)
@pytest.mark.parametrize(
    "grade, body", [("C", "Yes, interested"), ("A", "Not interested"), ("B", "Tell me more about it")]
)
def test_l41_no_conversion_below_grade_b_or_without_positive_reply(session, grade, body):
    """Only POSITIVE replies on leads graded A or B convert."""
    lead = graded_lead(session, grade)
    reply = process_reply(session, lead.email, RECEIVED, body)
    assert None is convert_reply(session, lead, reply)
    assert 1 == len(session.scalars(select(CampaignRow)).all())


def test_example_campaign_file_matches_the_bundled_campaign():
    """examples/campaign.json is the bundled example campaign."""
    data = json.loads((EXAMPLES / "campaign.json").read_text())
    assert load_campaign(None) == load_campaign(data)
    assert data == EXAMPLE_CAMPAIGN


def test_leads_csv_parses_booleans_revenue_and_blanks(tmp_path):
    """Booleans true/false/yes/no/1/0/empty in any case; revenue a float; blanks None."""
    path = tmp_path / "leads.csv"
    path.write_text(HEADER + "Ann,ann@a.io,A,CMO,,,,,,YES,no,1,0,,True,,,\n")
    [lead] = read_leads_csv(path)
    signals = ("job_change", "funded", "hiring", "recent_activity", "decision_maker", "budget_authority")
    assert (True, False, True, False, False, True) == tuple(getattr(lead, s) for s in signals)
    assert (None, None, None) == (lead.revenue, lead.company_size, lead.industry)


@pytest.mark.parametrize(
    "row, message",
    [
        (
            "B,b@b.io,B,CMO,51-200,software,abc,US,,false,,,,,,,,",
            "leads.csv row 2, column revenue: 'abc' is not a number",
        ),
        ("B,b@b.io,B,CMO,51-200,software,,US,,maybe,,,,,,,,", "leads.csv row 2, column job_change: 'maybe'"),
        ("B,b@b.io,B,CMO,huge,software,,US,,,,,,,,,,", "leads.csv row 2, column company_size: 'huge'"),
    ],
)
def test_leads_csv_bad_value_names_file_row_and_column(tmp_path, row, message):
    """A bad cell raises LeadFileError naming the file, the 1-based data row and the column."""
    path = tmp_path / "leads.csv"
    path.write_text(HEADER + "Ann,ann@a.io,A,CMO,51-200,software,1000,US,,,,,,,,,,\n" + row + "\n")
    with pytest.raises(LeadFileError, match=message):
        read_leads_csv(path)


def test_leads_csv_missing_columns_are_named(tmp_path):
    """A leads file without required columns is refused, naming them."""
    path = tmp_path / "leads.csv"
    path.write_text("name,email\nAnn,ann@a.io\n")
    with pytest.raises(LeadFileError, match="missing required columns: company, title"):
        read_leads_csv(path)


def test_replies_csv_reads_aware_datetimes(tmp_path):
    """received_at is an aware datetime (naive values are taken as UTC); a bad one is refused."""
    path = tmp_path / "replies.csv"
    path.write_text("email,received_at,body\na@b.io,2026-01-15T11:00:00Z,Yes\nc@d.io,2026-01-15 12:00:00,No\n")
    replies = read_replies_csv(path)
    assert [RECEIVED, datetime(2026, 1, 15, 12, tzinfo=timezone.utc)] == [r["received_at"] for r in replies]
    path.write_text("email,received_at,body\na@b.io,yesterday,Yes\n")
    with pytest.raises(LeadFileError, match="replies.csv row 1, column received_at: 'yesterday'"):
        read_replies_csv(path)


def run_examples(session, batch=False):
    leads = read_leads_csv(EXAMPLES / "leads.csv")
    replies = read_replies_csv(EXAMPLES / "replies.csv")
    with freeze_time(NOW):
        return acquire(session, load_campaign(None), leads, replies, batch=batch)


def test_acquire_example_files_end_to_end(session):
    """The example run: 12 qualified, 5 sent on warm-up day 0, one conversion (BrightPay)."""
    result = run_examples(session)
    summary = result["summary"]
    counts = tuple(summary[k] for k in ("leads", "qualified", "rejected", "manual_review"))
    assert (32, 12, 15, 5) == counts
    assert (5, 0, {"daily_limit": 7, "sent": 5}) == (summary["sent"], summary["failed"], summary["outreach"])
    categories = {"AUTO_REPLY": 1, "OOO": 1, "NEGATIVE": 2, "POSITIVE": 3, "NEUTRAL": 1, "UNKNOWN": 1}
    assert categories == summary["replies"]
    assert ["BrightPay"] == [c["intake"]["brand_name"] for c in result["conversions"]]
    # L-25 over this run: delivery 5/5, replies from known leads 8/5.
    assert 0.3 * 1.0 + 0.5 * 8 / 5 == pytest.approx(summary["outreach_efficiency"])
    assert json.loads(json.dumps(result)) == result


def test_acquire_reports_leads_in_input_order_with_quirks_visible(session):
    """Per-lead results keep the file order and show Q-15, Q-17 and Q-19 in the data."""
    result = run_examples(session)
    by_email = {lead["email"]: lead for lead in result["leads"]}
    assert "alice.moreno@brightpay.io" == result["leads"][0]["email"]
    assert ("QUALIFIED", "A", "aggressive_close") == tuple(
        by_email["daniel.reyes@cloudnest.io"][k] for k in ("qualification_status", "grade", "routing_sequence"))
    assert "SPAM_EMAIL" == by_email["frank.osei@abbott.com"]["rejection_reason"]
    alice = session.scalars(select(LeadRow).where(LeadRow.email == "alice.moreno@brightpay.io")).one()
    assert "Routed to aggressive_close" == alice.notes
    assert ["HOT", "warm", "replied_positive", "converted"] == by_email["alice.moreno@brightpay.io"]["tags"]
    assert "2026-01-18T10:05:00+00:00" == by_email["chloe.nguyen@ledgerline.com"]["next_action_at"]


def test_q16_acquire_batch_never_qualifies(session):
    """Q-16: with --batch every lead scores at most 0.68 and is rejected LOW_ICP_FIT."""
    result = run_examples(session, batch=True)
    assert 0 == result["summary"]["qualified"]
    assert {"LOW_ICP_FIT"} == {lead["rejection_reason"] for lead in result["leads"]}
    assert 0.68 == max(lead["lead_score"] for lead in result["leads"])


def test_acquire_ids_come_from_uuid4(session, monkeypatch):
    """Ids are str(uuid.uuid4()), so patching uuid.uuid4 pins them."""
    ids = iter(uuid.UUID(int=i) for i in range(1, 10_000))
    monkeypatch.setattr(uuid, "uuid4", lambda: next(ids))
    result = run_examples(session)
    assert str(uuid.UUID(int=1)) == result["campaign"]["id"]
    assert str(uuid.UUID(int=2)) == result["leads"][0]["id"]
