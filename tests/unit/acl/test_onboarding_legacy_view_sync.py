"""The legacy view of client projects: with onboarding on its new path, the cam_campaigns project row reads as before."""
from __future__ import annotations

import pytest

from acl._support.legacy_session import legacy_session
from acl._support.ownership_monitor import ForeignWrite
from acl._support.project_rows import intake_to_legacy
from acl.onboarding.legacy_view_sync import OnboardingWithLegacyView
from acl.strategy import approval
from aicmo.legacy_harness.pytest_plugin import legacy_memory_database
from aicmo.onboarding.api import ProjectState
from aicmo.onboarding.internal.descriptor import build_onboarding
from aicmo.orchestration import bootstrap
from aicmo.orchestration.journey import run_client_journey
from aicmo.shared.clock import SystemClock
from backend.db.models import CampaignRow
from backend.services.onboarding import create_client
from tests.new_paths import ports_with_new_onboarding
from tests.port_suites.builders import INTAKE

# the row as legacy writers write it: create_client, strategy's approval stamp, the model itself
pytestmark = pytest.mark.legacy_internals("onboarding", "strategy")

# adapters and the new onboarding imported before the clock is frozen (pydantic must not meet freezegun's date)
ports_with_new_onboarding()


@pytest.fixture
def journey_env(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for name in ("AICMO_E2E_MODE", "AICMO_REVIEW_CHANGE_SHARE", "AICMO_OUTPUT_DIR"):
        monkeypatch.delenv(name, raising=False)


def project_rows(onboarding_on_new_path: bool, seeded_ids, request) -> list[dict]:
    """cam_campaigns after one journey on a fresh legacy database, ids seeded alike each time."""
    seeded_ids.reseed("legacy-view")
    with legacy_memory_database() as database:
        ports = ports_with_new_onboarding() if onboarding_on_new_path else bootstrap.legacy_ports()
        request.getfixturevalue("fixed_clock")
        run_client_journey(ports, INTAKE, out_dir="out")
        return database.rows("cam_campaigns")


def test_the_synced_project_row_equals_what_legacy_onboarding_wrote(journey_env, seeded_ids, request):
    """Every column of the project row after a whole journey is the same on the ACL or on the new path."""
    legacy = project_rows(onboarding_on_new_path=False, seeded_ids=seeded_ids, request=request)
    synced = project_rows(onboarding_on_new_path=True, seeded_ids=seeded_ids, request=request)
    assert [("DELIVERED", "APPROVED")] == [(row["project_state"], row["strategy_status"]) for row in legacy]
    assert legacy == synced


@pytest.fixture
def views(database, legacy_database, fixed_clock):
    """(the bare new onboarding, the same wrapped in its legacy view) on one database of each backend."""
    bare = build_onboarding(database.engine, SystemClock(), {})
    return bare, OnboardingWithLegacyView(bare)


def row_of(client_id) -> CampaignRow:
    with legacy_session("test") as session:
        row = session.get(CampaignRow, str(client_id))
        session.expunge_all()
        return row


def columns(row: CampaignRow) -> dict:
    return {c.name: getattr(row, c.name) for c in CampaignRow.__table__.columns if c.name != "id"}


def test_without_the_sync_the_new_onboarding_leaves_cam_campaigns_alone(views):
    """The new onboarding itself never writes the project row: the bare path leaves none."""
    bare, _ = views
    assert row_of(bare.onboard_client(INTAKE, "k1").client_id) is None


def test_the_inserted_row_is_create_client_s(views, legacy_database):
    """Column for column what create_client writes for the same intake at the same instant."""
    _, wrapped = views
    project = wrapped.onboard_client(INTAKE, "k1")
    with legacy_session("test") as session:
        legacy_id = create_client(session, intake_to_legacy(INTAKE)).id
    assert columns(row_of(legacy_id)) == columns(row_of(project.client_id))


def test_a_legacy_state_write_is_taken_in(views):
    """Delivery's Q-24 DELIVERED, written on the row, becomes the project's state in onboarding's tables."""
    bare, wrapped = views
    client = wrapped.onboard_client(INTAKE, "k1").client_id
    with legacy_session("delivery") as session:
        session.get(CampaignRow, client).project_state = "DELIVERED"
    assert ProjectState.DELIVERED is wrapped.get_project(client).state is bare.get_project(client).state
    assert "DELIVERED" == row_of(client).project_state


def test_a_legacy_approval_stamp_is_taken_in_as_a_note(views):
    """Strategy on legacy stamps the description (L-08): the project's description holds the stamp, once."""
    bare, wrapped = views
    client = wrapped.onboard_client(INTAKE, "k1").client_id
    with legacy_session("strategy") as session:
        stamped = approval.approve(session, client).description
    assert stamped == wrapped.get_project(client).description == bare.get_project(client).description
    assert stamped == wrapped.get_project(client).description  # looked at again: nothing more taken in
    assert ("APPROVED", stamped) == (row_of(client).strategy_status, row_of(client).description)


def test_a_lost_sync_is_written_again_not_taken_in(views):
    """Onboarding committed a move but the row was never written: the row still shows the state before, and is repaired."""
    bare, wrapped = views
    client = wrapped.onboard_client(INTAKE, "k1").client_id
    bare.advance_project(client, ProjectState.INTAKE_COMPLETE, "a1")  # as if the process died before the sync
    assert "STRATEGY_DRAFT" == row_of(client).project_state
    assert ProjectState.INTAKE_COMPLETE is wrapped.get_project(client).state
    assert "INTAKE_COMPLETE" == row_of(client).project_state


@pytest.mark.parametrize("command", ["advance_project", "record_client_rejection"])
def test_a_lost_sync_of_a_client_rejection_is_written_again(views, command):
    """Client review's rejection, recorded by onboarding (Q-10) but its sync lost: the row still shows the state
    before and is repaired to REJECTED, not mistaken for a legacy write taking the project back."""
    bare, wrapped = views
    client = wrapped.onboard_client(INTAKE, "k1").client_id
    if command == "advance_project":
        wrapped.advance_project(client, ProjectState.INTAKE_COMPLETE, "a1")
    bare.record_client_rejection(client, "rejected")  # as if the process died before the sync
    assert ProjectState.REJECTED is wrapped.get_project(client).state is bare.get_project(client).state
    assert "REJECTED" == row_of(client).project_state


def test_a_client_rejection_through_the_view_writes_the_row(views):
    """Through the legacy view the row reads REJECTED at once; the same key again answers the same and changes nothing."""
    _, wrapped = views
    client = wrapped.onboard_client(INTAKE, "k1").client_id
    rejected = wrapped.record_client_rejection(client, "rejected")
    assert (ProjectState.REJECTED, "REJECTED") == (rejected.state, row_of(client).project_state)
    assert rejected == wrapped.record_client_rejection(client, "rejected")


def test_a_lost_insert_is_written_again(views):
    """Onboarding committed the project but the row was never inserted: the next look inserts it."""
    bare, wrapped = views
    client = bare.onboard_client(INTAKE, "k1").client_id
    assert wrapped.get_project(client) == bare.get_project(client)
    assert ("STRATEGY_DRAFT", "Client project for Helix Analytics GmbH") == (
        row_of(client).project_state, row_of(client).description)


def test_strategy_s_columns_are_never_written(views):
    """A move to STRATEGY_GENERATED leaves strategy_status as strategy wrote it (declared divergence)."""
    _, wrapped = views
    client = wrapped.onboard_client(INTAKE, "k1").client_id
    with legacy_session("strategy") as session:
        row = session.get(CampaignRow, client)
        row.strategy_text, row.strategy_status = "{}", "REJECTED"
    wrapped.advance_project(client, ProjectState.INTAKE_COMPLETE, "a1")
    wrapped.advance_project(client, ProjectState.STRATEGY_GENERATED, "a2")
    assert ("{}", "REJECTED", "STRATEGY_GENERATED") == (
        row_of(client).strategy_text, row_of(client).strategy_status, row_of(client).project_state)


def test_the_sync_is_recorded_as_onboarding_writing_cam_s_table(views, monitor):
    """The ownership monitor sees the sync for what it is: onboarding writing cam_campaigns."""
    _, wrapped = views
    wrapped.onboard_client(INTAKE, "k1")
    assert ForeignWrite("onboarding", "cam_campaigns") in monitor.recorded


def test_a_legacy_write_seen_by_two_callers_at_once_is_taken_in_once(views, database):
    """Two looks racing on the same stamp: the project takes it in once (the row lock, then the inbox)."""
    from concurrent.futures import ThreadPoolExecutor

    if database.backend == "sqlite":
        # the test's SQLite is in memory with a shared cache, whose table locks fail at once
        # instead of waiting; a file (BEGIN IMMEDIATE, busy timeout) serialises the two
        pytest.skip("two writers at once need a PostgreSQL server or an SQLite file")

    bare, wrapped = views
    client = wrapped.onboard_client(INTAKE, "k1").client_id
    with legacy_session("strategy") as session:
        stamped = approval.approve(session, client).description
    with ThreadPoolExecutor(2) as pool:
        seen = list(pool.map(lambda _: wrapped.get_project(client).description, range(2)))
    assert [stamped, stamped] == seen
    assert (stamped, 1) == (bare.get_project(client).description, bare.legacy_view_expectation(client).version)


def test_a_legacy_write_of_the_state_before_a_landed_sync_is_taken_in(views):
    """REJECTED, a move out of it (synced), then REJECTED again from client review: taken in, not mistaken for a lost sync."""
    _, wrapped = views
    client = wrapped.onboard_client(INTAKE, "k1").client_id

    def client_rejects() -> None:
        with legacy_session("client_review") as session:
            session.get(CampaignRow, client).project_state = "REJECTED"

    client_rejects()
    assert ProjectState.STRATEGY_APPROVED is wrapped.advance_project(client, ProjectState.STRATEGY_APPROVED, "a1").state
    client_rejects()
    assert ProjectState.REJECTED is wrapped.get_project(client).state


@pytest.fixture
def syncs(monkeypatch):
    """The projects the wrapper wrote into the row from now on (the sync still runs)."""
    import acl.onboarding.legacy_view_sync as module

    written, sync = [], module.sync_legacy_view
    monkeypatch.setattr(module, "sync_legacy_view", lambda project, seen=None: (written.append(project), sync(project, seen)))
    return written


def test_a_row_in_step_is_read_not_written(views, syncs):
    """A look at a row already showing the project writes nothing into cam_campaigns (the skipped sync)."""
    _, wrapped = views
    client = wrapped.onboard_client(INTAKE, "k1").client_id
    syncs.clear()
    assert ProjectState.STRATEGY_DRAFT is wrapped.get_project(client).state
    assert [] == syncs


def test_a_legacy_write_after_a_skipped_sync_is_still_taken_in(views):
    """The row in step (sync skipped), then a legacy writer changes it before the next call: that call takes it in."""
    bare, wrapped = views
    client = wrapped.onboard_client(INTAKE, "k1").client_id
    wrapped.advance_project(client, ProjectState.INTAKE_COMPLETE, "a1")
    wrapped.get_project(client)  # in step: read only
    with legacy_session("strategy") as session:
        stamped = approval.approve(session, client).description
    assert stamped == wrapped.advance_project(client, ProjectState.STRATEGY_GENERATED, "a2").description
    assert stamped == bare.get_project(client).description
    assert ("STRATEGY_GENERATED", stamped) == (row_of(client).project_state, row_of(client).description)


def test_a_landed_sync_whose_mark_was_lost_is_marked_without_a_write(views, syncs):
    """The row was written after a move but the process died before onboarding marked it: the next look marks it only."""
    bare, wrapped = views
    client = wrapped.onboard_client(INTAKE, "k1").client_id
    bare.advance_project(client, ProjectState.INTAKE_COMPLETE, "a1")
    with legacy_session("onboarding") as session:  # the sync landed; its mark did not
        session.get(CampaignRow, client).project_state = "INTAKE_COMPLETE"
    assert not bare.legacy_view_expectation(client).view_written
    syncs.clear()
    assert ProjectState.INTAKE_COMPLETE is wrapped.get_project(client).state
    assert [] == syncs
    assert bare.legacy_view_expectation(client).view_written
    # from now on the state before that move, written by a legacy writer, is a write to take in
    with legacy_session("client_review") as session:
        session.get(CampaignRow, client).project_state = "STRATEGY_DRAFT"
    assert ProjectState.STRATEGY_DRAFT is wrapped.get_project(client).state
