"""The legacy ownership monitor records exactly the cross-module writes of spec section 11."""
from __future__ import annotations

from pathlib import Path

import pytest

from acl._support.legacy_session import legacy_session
from acl._support.ownership_monitor import ForeignWrite
from acl.cam.files import read_acquisition_input
from aicmo.client_review.api import Feedback, ReviewRequest
from aicmo.onboarding.api import ClientIntake
from aicmo.orchestration.acquisition import run_acquisition
from aicmo.orchestration.journey import run_client_journey
from backend.db.models import CampaignRow

pytestmark = pytest.mark.legacy_internals("cam")

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"

# spec section 11, "also written by (violation)", one pair per writer and table
SECTION_11 = {
    ForeignWrite("onboarding", "cam_campaigns"),
    ForeignWrite("strategy", "cam_campaigns"),
    ForeignWrite("client_review", "cam_campaigns"),
    ForeignWrite("delivery", "cam_campaigns"),
    ForeignWrite("qc", "creative_assets"),
    ForeignWrite("client_review", "creative_assets"),
    ForeignWrite("delivery", "creative_assets"),
    ForeignWrite("delivery", "billing_invoices"),
}


def test_the_recorded_writes_are_the_cross_module_writes_of_section_11(ports, monitor):
    """Journeys (one through Q-24), a client rejection (Q-10) and an acquisition record section 11, no more, no fewer."""
    full = ClientIntake.model_validate_json((EXAMPLES / "intake_full_funnel_eu.json").read_text())
    run_client_journey(ports, full, out_dir="out")
    # quick_social: the 30-day calendar always fails QC, so delivery writes DELIVERED itself
    quick = run_client_journey(ports, ClientIntake(brand_name="Quick Co", pack="quick_social"), out_dir="out")
    review = ports.client_review.open_review(
        ReviewRequest(client_id=quick.project.client_id, creative_set=quick.creatives, qc_result=quick.qc_rounds[0]), "again"
    )
    ports.client_review.record_feedback(review.review_id, Feedback(decision="rejected"), "reject")
    given = read_acquisition_input(None, EXAMPLES / "leads.csv", EXAMPLES / "replies.csv")
    run_acquisition(ports, given.campaign, given.leads, given.replies)
    assert SECTION_11 == set(monitor.recorded)


def test_a_write_to_the_own_table_is_not_recorded(memory_db, monitor):
    """cam writing cam_campaigns is no violation."""
    import datetime as dt

    with legacy_session("cam") as session:
        session.add(CampaignRow(id="c1", name="n", created_at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)))
    assert frozenset() == monitor.recorded


def test_a_foreign_write_is_recorded_and_not_blocked(memory_db, monitor):
    """retention writing cam_campaigns is recorded, and the row still lands (observe mode)."""
    import datetime as dt

    with legacy_session("retention") as session:
        session.add(CampaignRow(id="c1", name="n", created_at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)))
    with legacy_session("cam") as session:
        landed = session.get(CampaignRow, "c1") is not None
    assert ({ForeignWrite("retention", "cam_campaigns")}, True) == (set(monitor.recorded), landed)


def _stored_project(row_id: str) -> None:
    import datetime as dt

    with legacy_session("cam") as session:  # cam owns cam_campaigns: nothing recorded
        session.add(CampaignRow(id=row_id, name="n", created_at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)))


def test_a_foreign_row_set_to_its_old_value_is_not_recorded_and_a_later_change_is(memory_db, monitor):
    """The monitor asks whether a dirty row really changed until the pair is recorded: a no-op set
    records nothing, the next real change of the same table still records it."""
    _stored_project("c1")
    with legacy_session("retention") as session:
        session.get(CampaignRow, "c1").name = "n"
    unchanged = set(monitor.recorded)
    with legacy_session("retention") as session:
        session.get(CampaignRow, "c1").name = "changed"
    assert (set(), {ForeignWrite("retention", "cam_campaigns")}) == (unchanged, set(monitor.recorded))


def test_a_foreign_write_is_recorded_again_after_the_record_is_cleared(memory_db, monitor):
    """Skipping the question for a recorded pair must not hide the pair once the record is emptied."""
    _stored_project("c1")
    for name in ("first", "second"):
        monitor.clear()
        with legacy_session("retention") as session:
            session.get(CampaignRow, "c1").name = name
        assert {ForeignWrite("retention", "cam_campaigns")} == set(monitor.recorded)
