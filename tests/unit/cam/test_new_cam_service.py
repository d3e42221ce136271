"""The new cam over its own tables: its lead DTOs, its keyed answers, its descriptor, and that it writes no legacy table."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from aicmo.cam.api import AcquisitionCampaign, CampaignMode, Lead, LeadProfile, ScoringMode
from aicmo.cam.internal import descriptor, steps
from aicmo.cam.internal.divergences import NEXT_ACTION_OFFSET_KEPT, NO_LIVE_PROVIDER_HOOK
from aicmo.cam.internal.model import LeadRecord
from aicmo.cam.internal.rules.targets import NO_TARGETS, targets_of
from aicmo.cam.internal.translation import lead_dto
from aicmo.cam.internal.unit_of_work import CamUnitOfWork
from aicmo.shared.errors import IdempotencyConflict
from aicmo.shared.persistence.guard import OwnershipViolation
from aicmo.shared.persistence.module_session import module_sessionmaker
from aicmo.shared.persistence.ownership import owner_of
from tests.new_paths import ports_with_new_cam

NOW = dt.datetime(2026, 1, 15, 10, tzinfo=dt.timezone.utc)
CAMPAIGN = AcquisitionCampaign(name="Spring", targets={"company_sizes": ["51-200"], "industries": ["software"],
                                                       "countries": ["US"], "target_roles": ["CMO"]})
ANN = LeadProfile(name="Ann Lee", email="ann@corp.com", company="Corp", title="CMO", company_size="51-200",
                  industry="software", country="US", job_change=True, funded=True, decision_maker=True, budget="10k",
                  timeline="Q3", pain_points="growth")
BOB = LeadProfile(name="Bob", email="info@corp.com", title="Engineer")


@settings(max_examples=200, derandomize=True, database=None, deadline=None)
@given(profile=st.builds(LeadProfile, name=st.text(max_size=8), email=st.sampled_from(["ann@corp.com", "x", "info@a.io"]),
                         title=st.sampled_from(["CMO", "VP Marketing", "", "engineer"]), company_size=st.none() | st.just("51-200"),
                         industry=st.none() | st.just("software"), country=st.none() | st.just("US"),
                         job_change=st.booleans(), funded=st.booleans(), hiring=st.booleans(), decision_maker=st.booleans(),
                         budget=st.none() | st.just("10k"), timeline=st.none() | st.just("Q3")),
       scored=st.booleans(), batch=st.booleans(), offset=st.integers(-12, 12))
def test_a_lead_built_without_validation_equals_the_validated_one(profile, scored, batch, offset):
    """lead_dto skips validating again (speed): the answer it gives is exactly what validation gives."""
    lead = LeadRecord(lead_id="0b0c1a6e-3c1a-4c1e-8e2a-1a2b3c4d5e6f", campaign_id="1b0c1a6e-3c1a-4c1e-8e2a-1a2b3c4d5e6f",
                      position=0, profile=profile, created_at=NOW)
    if scored:
        steps.score(lead, NO_TARGETS if batch else targets_of(CAMPAIGN))
        steps.qualify(lead, targets_of(CAMPAIGN))
        steps.grade(lead)
        steps.route(lead)
        lead.next_action_at = NOW.astimezone(dt.timezone(dt.timedelta(hours=offset)))
    built = lead_dto(lead)
    validated = Lead.model_validate(built.model_dump())
    assert (validated, validated.model_dump_json()) == (built, built.model_dump_json())


def test_a_key_answers_as_it_first_did_and_refuses_another_request(database, legacy_database):
    """import_lead_batch under one key: the same batch again is the same answer (no second lead); another is a conflict."""
    cam = ports_with_new_cam(database.url).cam
    campaign = cam.create_campaign(CAMPAIGN, "campaign")
    first = cam.import_lead_batch(campaign.campaign_id, (ANN, BOB), ScoringMode.SINGLE, "batch:0")
    assert first == cam.import_lead_batch(campaign.campaign_id, (ANN, BOB), ScoringMode.SINGLE, "batch:0")
    assert first == cam.list_leads(campaign.campaign_id)
    with pytest.raises(IdempotencyConflict):
        cam.import_lead_batch(campaign.campaign_id, (BOB,), ScoringMode.SINGLE, "batch:0")
    with pytest.raises(IdempotencyConflict):
        cam.create_campaign(CAMPAIGN.model_copy(update={"name": "Other"}), "campaign")


def test_the_bare_new_cam_writes_no_legacy_table(database, legacy_database):
    """Without its legacy view the acquisition leaves cam_campaigns and cam_leads empty: the view writes them."""
    cam = ports_with_new_cam(database.url, legacy_view=False).cam
    campaign = cam.create_campaign(CAMPAIGN, "campaign")
    cam.import_lead_batch(campaign.campaign_id, (ANN, BOB), ScoringMode.BATCH, "batch:0")
    with database.engine.connect() as connection:
        assert (0, 0) == (connection.scalar(text("SELECT count(*) FROM cam_campaigns")),
                          connection.scalar(text("SELECT count(*) FROM cam_leads")))
    viewed = ports_with_new_cam(database.url).cam
    campaign = viewed.create_campaign(CAMPAIGN, "campaign-2")
    viewed.import_lead_batch(campaign.campaign_id, (ANN, BOB), ScoringMode.BATCH, "batch-2:0")
    with database.engine.connect() as connection:
        assert (1, 2) == (connection.scalar(text("SELECT count(*) FROM cam_campaigns")),
                          connection.scalar(text("SELECT count(*) FROM cam_leads")))


def test_cam_owns_its_tables_and_its_session_may_not_write_legacys(database):
    tables = ("cam_campaign_records", "cam_lead_records", "cam_attempt_records", "cam_reply_records", "cam_commands", "cam_outbox")
    assert ["cam"] * len(tables) == [owner_of(t) for t in tables]
    with CamUnitOfWork(module_sessionmaker("cam", database.engine)) as uow:
        with pytest.raises(OwnershipViolation):
            uow.session.execute(text("UPDATE creative_assets SET status = 'DELIVERED'"))


def test_the_descriptor_declares_what_it_explains():
    explain = descriptor.DESCRIPTOR.explain
    assert NEXT_ACTION_OFFSET_KEPT == explain([{"path": "next_action_at"}, {"path": "[0].next_action_at"}])
    assert explain([{"path": "[0].grade"}]) is None
    assert {NEXT_ACTION_OFFSET_KEPT, NO_LIVE_PROVIDER_HOOK} == set(descriptor.DESCRIPTOR.divergences)
    assert frozenset({"create_campaign", "import_lead_batch"}) == descriptor.DESCRIPTOR.shadowed


def _campaign_with_ann(cam, key: str, mode: str = "SIMULATION"):
    campaign = cam.create_campaign(CAMPAIGN.model_copy(update={"mode": CampaignMode(mode)}), f"{key}-campaign")
    (lead,) = cam.import_lead_batch(campaign.campaign_id, (ANN,), ScoringMode.SINGLE, f"{key}-batch")
    return campaign, lead


def test_next_action_offset_kept_a_follow_up_keeps_its_offset_for_every_reader(database, legacy_database):
    """Declared next_action_offset_kept: a new bundle (another process's) reads the follow-up as set, offset included.

    Legacy's adapter restores the offset only from the memory of the instance that set it; on
    SQLite another instance reads the clock time labelled UTC, another instant.
    """
    from aicmo.cam.api import InboundReply
    from aicmo.orchestration import bootstrap

    received = dt.datetime(2026, 1, 15, 11, 2, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    reply = InboundReply(email="ann@corp.com", received_at=received, body="Automatic reply: I am away")
    follow_up = received + dt.timedelta(days=3)
    cam = ports_with_new_cam(database.url).cam
    _, lead = _campaign_with_ann(cam, "new")
    cam.process_reply(reply, "reply")
    assert follow_up.isoformat() == ports_with_new_cam(database.url).cam.get_lead(lead.lead_id).next_action_at.isoformat()
    legacy = bootstrap.legacy_ports().cam
    _, legacy_lead = _campaign_with_ann(legacy, "legacy")
    legacy.process_reply(reply, "reply")
    assert follow_up.isoformat() == legacy.get_lead(legacy_lead.lead_id).next_action_at.isoformat()  # the instance that set it
    if database.backend == "sqlite":
        assert follow_up != bootstrap.legacy_ports().cam.get_lead(legacy_lead.lead_id).next_action_at


def test_no_live_provider_hook_a_live_send_fails_on_both_paths_as_legacy_words_it(database, legacy_database):
    """Declared no_live_provider_hook: without a provider (legacy's hook unset) both record the same FAILED attempt."""
    from aicmo.cam.api import OutreachBatch
    from aicmo.orchestration import bootstrap
    from freezegun import freeze_time

    with freeze_time("2026-01-15T10:00:00Z"):
        answers = []
        for name, cam in (("new", ports_with_new_cam(database.url).cam), ("legacy", bootstrap.legacy_ports().cam)):
            campaign, lead = _campaign_with_ann(cam, name, mode="LIVE")
            (result,) = cam.send_outreach(OutreachBatch(campaign_id=campaign.campaign_id, lead_ids=(lead.lead_id,)), f"{name}-send")
            answers.append((result.outcome, result.attempt.status, result.attempt.error, result.attempt.simulated))
    assert answers[0] == answers[1] == (answers[0][0], answers[0][1], "no email provider configured", False)
    assert "failed" == answers[0][0].value


def test_a_lead_qualified_event_built_without_validation_equals_the_validated_one():
    from aicmo.cam.api import LeadQualified
    from aicmo.cam.internal.events import lead_qualified

    lead = LeadRecord(lead_id="0b0c1a6e-3c1a-4c1e-8e2a-1a2b3c4d5e6f", campaign_id="1b0c1a6e-3c1a-4c1e-8e2a-1a2b3c4d5e6f",
                      position=0, profile=BOB, created_at=NOW)
    for score in (None, 0.9):
        lead.lead_score = score
        steps.qualify(lead, targets_of(CAMPAIGN))
        built = lead_qualified(lead, "batch:0", NOW)
        validated = LeadQualified.model_validate(built.model_dump())
        assert (validated, validated.model_dump_json()) == (built, built.model_dump_json())


def test_the_legacy_view_of_a_replayed_batch_restores_a_lost_row_and_keeps_later_changes(database, legacy_database):
    """A batch replayed (its key) after outreach leaves the CONTACTED row alone, and writes a row a crash lost."""
    from freezegun import freeze_time

    from aicmo.cam.api import OutreachBatch

    def status_of(lead_id):
        with database.engine.connect() as connection:
            return connection.scalar(text("SELECT status FROM cam_leads WHERE id = :i"), {"i": str(lead_id)})

    with freeze_time("2026-01-15T10:00:00Z"):
        cam = ports_with_new_cam(database.url).cam
        campaign = cam.create_campaign(CAMPAIGN, "campaign")
        ann, bob = cam.import_lead_batch(campaign.campaign_id, (ANN, BOB), ScoringMode.SINGLE, "batch:0")
        cam.send_outreach(OutreachBatch(campaign_id=campaign.campaign_id, lead_ids=(ann.lead_id,)), "send")
        assert "CONTACTED" == status_of(ann.lead_id)
        with database.engine.begin() as connection:  # the view's write of bob lost in a crash
            connection.execute(text("DELETE FROM cam_leads WHERE id = :i"), {"i": str(bob.lead_id)})
        assert (ann, bob) == cam.import_lead_batch(campaign.campaign_id, (ANN, BOB), ScoringMode.SINGLE, "batch:0")
    assert ("CONTACTED", "REJECTED") == (status_of(ann.lead_id), status_of(bob.lead_id))


def test_a_send_read_in_pages_answers_and_writes_as_a_send_read_at_once(database, legacy_database, monkeypatch):
    """A send reads its leads a page at a time: pages of one lead (a lead asked twice on two pages) give the answers,
    the statuses and the attempts one page gives."""
    from freezegun import freeze_time

    from aicmo.cam.api import OutreachBatch
    from aicmo.cam.internal import service

    def sent(name, page):
        monkeypatch.setattr(service, "_SEND_PAGE", page)
        cam = ports_with_new_cam(database.url).cam
        campaign = cam.create_campaign(CAMPAIGN, f"{name}-campaign")
        ann, bob = cam.import_lead_batch(campaign.campaign_id, (ANN, BOB), ScoringMode.SINGLE, f"{name}-batch")
        asked = (ann.lead_id, bob.lead_id, ann.lead_id)
        results = cam.send_outreach(OutreachBatch(campaign_id=campaign.campaign_id, lead_ids=asked), f"{name}-send")
        return ([(r.outcome, r.attempt and r.attempt.message_hash) for r in results],
                [(lead.status, lead.first_contacted_at) for lead in cam.get_leads((ann.lead_id, bob.lead_id))])

    with freeze_time("2026-01-15T10:00:00Z"):
        at_once, paged = sent("once", 1000), sent("paged", 1)
    assert at_once == paged
    assert ["sent", "sent", "duplicate"] == [outcome.value for outcome, _ in paged[0]]
    assert ["CONTACTED", "CONTACTED"] == [status.value for status, _ in paged[1]]
