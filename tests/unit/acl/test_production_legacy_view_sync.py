"""The legacy view of production: with production on its new path, creative_assets reads as before.

After a journey the rows are the ones legacy wrote (production's columns from the sync, qc's and
client_review's from their legacy writers); without the sync production leaves the table alone.
A status a legacy writer put on the view is absorbed by production; a sync lost after
production's commit is repaired, not absorbed.
"""
from __future__ import annotations


import pytest
from sqlalchemy import text

from acl.production.legacy_view_sync import ProductionWithLegacyView
from aicmo.legacy_harness.pytest_plugin import legacy_memory_database
from aicmo.orchestration import bootstrap
from aicmo.orchestration.journey import run_client_journey
from aicmo.production.api import CreativeStatus
from aicmo.production.internal.descriptor import build_production
from aicmo.production.internal.unit_of_work import ProductionUnitOfWork
from aicmo.shared.clock import SystemClock
from aicmo.shared.errors import IdempotencyConflict
from aicmo.shared.persistence.module_session import module_sessionmaker
from aicmo.shared.text_generation import TEXT_GENERATOR
from aicmo.strangler.routes import Route
from tests.new_paths import ports_with_new_production
from tests.port_suites.builders import INTAKE

# adapters and the new production imported before the clock is frozen (pydantic must not meet freezegun's date)
ports_with_new_production()

PRODUCTION_COLUMNS = ("id", "campaign_id", "position", "platform", "format", "pillar_index", "pillar_name", "hook", "caption",
                      "cta", "tone", "status", "revision", "created_at")


@pytest.fixture
def journey_env(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for name in ("AICMO_E2E_MODE", "AICMO_REVIEW_CHANGE_SHARE", "AICMO_OUTPUT_DIR"):
        monkeypatch.delenv(name, raising=False)


def journey_rows(routes, seeded_ids, request) -> list[dict]:
    """creative_assets after one journey on a fresh legacy database, ids seeded alike each time."""
    seeded_ids.reseed("legacy-view")
    with legacy_memory_database() as database:
        ports = bootstrap.routed_ports("sqlite://", routes) if routes else bootstrap.legacy_ports()
        request.getfixturevalue("fixed_clock")
        run_client_journey(ports, INTAKE, out_dir="out")
        return database.rows("creative_assets")


@pytest.mark.parametrize("routes", [{"production": Route.NEW}, {"production": Route.NEW, "qc": Route.NEW}],
                         ids=["production=new", "production=new,qc=new"])
def test_the_synced_legacy_view_equals_what_legacy_wrote(journey_env, seeded_ids, request, routes):
    """Every creative_assets row, every column, is the same with production on the ACL or on its new path."""
    legacy = journey_rows({}, seeded_ids, request)
    synced = journey_rows(routes, seeded_ids, request)
    # delivered, reviewed, scored and rewritten rows: the comparison covers every writer
    assert {"DELIVERED"} <= {r["status"] for r in legacy} and all(r["qc_status"] and r["review_status"] for r in legacy)
    assert legacy == synced


@pytest.fixture
def new_production(database, legacy_database):
    """(the port as the `new` route serves it, the bare new production behind it) on the test's database."""
    bare = build_production(database.engine, SystemClock(), {TEXT_GENERATOR: bootstrap.text_generator()})
    return ProductionWithLegacyView(bare), bare


@pytest.fixture
def strategy(legacy_database, seeded_ids):
    ports = bootstrap.legacy_ports()
    return ports.strategy.draft_strategy(ports.onboarding.onboard_client(INTAKE, "k1"), "k2")


def view(legacy_database, client_id) -> list[dict]:
    rows = legacy_database.rows("creative_assets")
    return sorted(({c: r[c] for c in PRODUCTION_COLUMNS} for r in rows if r["campaign_id"] == str(client_id)),
                  key=lambda r: r["position"])


def set_view_status(legacy_database, creative_id, status) -> None:
    with legacy_database.session() as session:
        session.execute(text("UPDATE creative_assets SET status = :s WHERE id = :i"), {"s": status, "i": str(creative_id)})
        session.commit()


def outbox(database) -> list[str]:
    with ProductionUnitOfWork(module_sessionmaker("production", database.engine)) as uow:
        return [row.event_type for row in uow.outbox.pending()]


def test_without_the_sync_the_new_production_leaves_creative_assets_alone(new_production, strategy, legacy_database):
    """The bare new production writes no legacy row: legacy readers would find no creative (journeys differ)."""
    _, bare = new_production
    bare.produce_creatives(strategy, "p1")
    assert [] == view(legacy_database, strategy.client_id)


def test_a_status_legacy_delivery_wrote_is_absorbed(new_production, strategy, legacy_database, database):
    """Q-12 planted: DELIVERED on a row production left DRAFT is production's status from then on, once."""
    synced, bare = new_production
    produced = synced.produce_creatives(strategy, "p1")
    target = produced.creatives[3].creative_id
    set_view_status(legacy_database, target, "DELIVERED")
    after = synced.get_creative_set(produced.creative_set_id)
    assert [CreativeStatus.DELIVERED if c.creative_id == target else CreativeStatus.DRAFT for c in produced.creatives] == \
        [c.status for c in after.creatives]
    assert after == synced.get_creative_set(produced.creative_set_id)  # read again: nothing more to absorb
    absorbed = next(c for c in bare.view_state(produced.creative_set_id).creatives if c.creative_id == str(target))
    assert ("DRAFT", 1) == (absorbed.status_before, absorbed.status_changes)
    assert ["CreativesProduced", "CreativesDelivered"] == outbox(database)


def test_a_lost_sync_is_repaired_not_absorbed(new_production, strategy, legacy_database, database):
    """Production committed, the process died before the view was written: the next call re-syncs the view."""
    synced, bare = new_production
    produced = synced.produce_creatives(strategy, "p1")
    set_id, first, second = produced.creative_set_id, produced.creatives[0].creative_id, produced.creatives[1].creative_id
    bare.mark_delivered(set_id, (first,), "d1")  # the view still says DRAFT, production's status before
    bare.rewrite_creatives(set_id, (second,), strategy, "r1")  # the view still holds the old caption
    before = view(legacy_database, strategy.client_id)
    assert ("DRAFT", 0) == (before[0]["status"], before[1]["revision"])
    now = synced.get_creative_set(set_id)
    assert (CreativeStatus.DELIVERED, 1) == (now.creatives[0].status, now.creatives[1].revision)
    after = view(legacy_database, strategy.client_id)
    assert ("DELIVERED", 1, now.creatives[1].caption) == (after[0]["status"], after[1]["revision"], after[1]["caption"])
    # production's own change, not absorbed: no second status change, no extra event
    assert 1 == next(c for c in bare.view_state(set_id).creatives if c.creative_id == str(first)).status_changes
    assert ["CreativesProduced", "CreativesDelivered", "CreativesRewritten"] == outbox(database)


def test_a_lost_production_is_written_on_the_next_call(new_production, strategy, legacy_database):
    """The nine rows missing from the view (the sync of produce_creatives lost) are inserted as legacy inserts them."""
    synced, bare = new_production
    produced = bare.produce_creatives(strategy, "p1")
    synced.get_creative_set(produced.creative_set_id)
    rows = view(legacy_database, strategy.client_id)
    assert [str(c.creative_id) for c in produced.creatives] == [r["id"] for r in rows]
    assert [c.caption for c in produced.creatives] == [r["caption"] for r in rows]
    # a new row as legacy inserts it: no QC score, no review yet, review round 0
    assert {(0, None, None, None, None, None)} == {(r["review_round"], r["qc_score"], r["qc_status"], r["qc_issues"],
                                                     r["review_status"], r["review_notes"]) for r in legacy_database.rows("creative_assets")}


def test_the_sync_is_production_writing_its_own_table(new_production, strategy, monitor):
    """The ownership monitor records no foreign write: creative_assets is production's table."""
    synced, _ = new_production
    synced.produce_creatives(strategy, "p1")
    assert not [w for w in monitor.recorded if "creative_assets" in w]


def test_a_set_legacy_produced_before_the_route_changed_is_adopted(new_production, strategy, legacy_database, database):
    """A journey in flight: produced on legacy, rewritten on new. Production takes the rows over as they stand, once."""
    synced, bare = new_production
    produced = bootstrap.legacy_ports().production.produce_creatives(strategy, "p1")
    set_view_status(legacy_database, produced.creatives[0].creative_id, "DELIVERED")
    adopted = synced.get_creative_set(produced.creative_set_id)
    assert [CreativeStatus.DELIVERED] + [CreativeStatus.DRAFT] * 8 == [c.status for c in adopted.creatives]
    assert produced.model_copy(update={"creatives": adopted.creatives}) == adopted
    rewritten = synced.rewrite_creatives(produced.creative_set_id, (produced.creatives[1].creative_id,), strategy, "r1")
    assert 1 == rewritten.creatives[1].revision == view(legacy_database, strategy.client_id)[1]["revision"]
    assert ["CreativesRewritten"] == outbox(database)  # adopting raised nothing: legacy produced them


def test_a_command_legacy_answered_before_the_route_changed_is_not_run_again(new_production, strategy, legacy_database, seeded_ids):
    """A journey resumed on the new route replays produce_creatives: legacy's answer, no second production, no id drawn."""
    synced, bare = new_production
    produced = bootstrap.legacy_ports().production.produce_creatives(strategy, "p1")
    drawn = len(seeded_ids.issued)
    assert produced == synced.produce_creatives(strategy, "p1")
    assert drawn == len(seeded_ids.issued)
    assert [str(c.creative_id) for c in produced.creatives] == [c.creative_id for c in bare.view_state(produced.creative_set_id).creatives]
    with pytest.raises(IdempotencyConflict):
        synced.produce_creatives(strategy.model_copy(update={"strategy_id": "00000000-0000-4000-8000-000000000001"}), "p1")


def test_a_legacy_write_after_a_lost_sync_is_absorbed_and_the_rest_repaired(new_production, strategy, legacy_database):
    """A rewrite's sync lost, then delivery marks the same row: the caption is re-synced and DELIVERED kept."""
    synced, bare = new_production
    produced = synced.produce_creatives(strategy, "p1")
    target = produced.creatives[0].creative_id
    rewritten = bare.rewrite_creatives(produced.creative_set_id, (target,), strategy, "r1")
    set_view_status(legacy_database, target, "DELIVERED")
    now = synced.get_creative_set(produced.creative_set_id)
    assert (CreativeStatus.DELIVERED, 1, rewritten.creatives[0].caption) == (now.creatives[0].status, now.creatives[0].revision,
                                                                              now.creatives[0].caption)
    row = view(legacy_database, strategy.client_id)[0]
    assert ("DELIVERED", 1, now.creatives[0].caption) == (row["status"], row["revision"], row["caption"])


def test_a_set_in_step_is_read_once_per_call(new_production, strategy, database):
    """Nothing to absorb or repair: get_creative_set answers from the read the view was compared with, one read of the set."""
    from sqlalchemy import event

    synced, _ = new_production
    produced = synced.produce_creatives(strategy, "p1")
    reads = []

    def count(_conn, _cursor, statement, *_args) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "production_creative_sets" in statement:
            reads.append(statement)

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        assert produced == synced.get_creative_set(produced.creative_set_id)
    finally:
        event.remove(database.engine, "before_cursor_execute", count)
    assert 1 == len(reads)
