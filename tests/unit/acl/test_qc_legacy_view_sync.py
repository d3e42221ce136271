"""The legacy view of QC results (Q-09): with qc on its new path, creative_assets.qc_* read as before."""
from __future__ import annotations

import pytest

from acl._support.ownership_monitor import ForeignWrite
from aicmo.orchestration import bootstrap
from aicmo.orchestration.journey import run_client_journey
from aicmo.legacy_harness.pytest_plugin import legacy_memory_database
from tests.port_suites.builders import INTAKE
from tests.new_paths import ports_with_new_qc

# adapters and the new QC imported before the clock is frozen (pydantic must not meet freezegun's date)
ports_with_new_qc()

QC_COLUMNS = ("id", "qc_score", "qc_status", "qc_issues")


@pytest.fixture
def journey_env(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for name in ("AICMO_E2E_MODE", "AICMO_REVIEW_CHANGE_SHARE", "AICMO_OUTPUT_DIR"):
        monkeypatch.delenv(name, raising=False)


def creative_rows(qc_on_new_path: bool, sync: bool, seeded_ids, request) -> list[dict]:
    """creative_assets after one journey on a fresh legacy database, ids seeded alike each time."""
    seeded_ids.reseed("legacy-view")
    with legacy_memory_database() as database:
        ports = ports_with_new_qc(legacy_view=sync) if qc_on_new_path else bootstrap.legacy_ports()
        request.getfixturevalue("fixed_clock")
        run_client_journey(ports, INTAKE, out_dir="out")
        return database.rows("creative_assets")


def test_the_synced_legacy_view_equals_what_legacy_qc_wrote(journey_env, seeded_ids, request):
    """Every creative_assets row, qc columns included, is the same with qc on the ACL or on its new path."""
    legacy = creative_rows(qc_on_new_path=False, sync=False, seeded_ids=seeded_ids, request=request)
    synced = creative_rows(qc_on_new_path=True, sync=True, seeded_ids=seeded_ids, request=request)
    assert all(row["qc_status"] for row in legacy)  # the columns are set, so the comparison means something
    assert legacy == synced


def test_without_the_sync_the_new_qc_leaves_production_s_table_alone(journey_env, seeded_ids, request):
    """The new QC itself never writes creative_assets: without the sync the qc columns stay empty."""
    rows = creative_rows(qc_on_new_path=True, sync=False, seeded_ids=seeded_ids, request=request)
    assert [(None, None, None)] * len(rows) == [(r["qc_score"], r["qc_status"], r["qc_issues"]) for r in rows]


def test_the_sync_is_recorded_as_qc_writing_production_s_table(journey_env, seeded_ids, request, monitor):
    """The ownership monitor sees the sync for what it is: the Q-09 write of qc into creative_assets."""
    creative_rows(qc_on_new_path=True, sync=True, seeded_ids=seeded_ids, request=request)
    assert ForeignWrite("qc", "creative_assets") in monitor.recorded


def test_the_sync_writes_each_row_it_finds_and_creates_none(journey_env, legacy_database, database, request):
    """Rows are not loaded before the batch UPDATE: a row whose columns were lost gets them back, a
    creative without a legacy row stays without one, and no other column or row moves."""
    from sqlalchemy import delete, select, update

    from acl._support.legacy_session import legacy_session
    from acl.qc.legacy_view_sync import sync_legacy_view
    from backend.db.models import CreativeAssetRow

    ports = ports_with_new_qc(database.url)
    request.getfixturevalue("fixed_clock")
    result = run_client_journey(ports, INTAKE, out_dir="out").qc_rounds[-1]
    before = {row["id"]: row for row in legacy_database.rows("creative_assets")}
    kept, gone = str(result.creatives[0].creative_id), str(result.creatives[1].creative_id)
    with legacy_session("test") as session:  # the planted faults: one row's qc columns lost, one row deleted
        session.execute(update(CreativeAssetRow).where(CreativeAssetRow.id == kept).values(qc_score=None, qc_status=None, qc_issues=None))
        session.execute(delete(CreativeAssetRow).where(CreativeAssetRow.id == gone))
    sync_legacy_view(result)
    after = {row["id"]: row for row in legacy_database.rows("creative_assets")}
    assert {i: r for i, r in before.items() if i != gone} == after
    with legacy_session("test") as session:
        assert session.scalar(select(CreativeAssetRow.id).where(CreativeAssetRow.id == gone)) is None


def test_a_sync_of_values_already_there_writes_nothing(journey_env, legacy_database, database, request):
    """The same result synced again changes no row (a replayed key, a repair); a row whose values differ is the one changed."""
    from sqlalchemy import event

    from acl._support.legacy_session import legacy_session
    from acl.qc.legacy_view_sync import sync_legacy_view
    from backend.db.models import CreativeAssetRow

    ports = ports_with_new_qc(database.url)
    request.getfixturevalue("fixed_clock")
    result = run_client_journey(ports, INTAKE, out_dir="out").qc_rounds[-1]
    updated: list[int] = []

    def count(_conn, cursor, statement, *_args) -> None:
        if statement.lstrip().upper().startswith("UPDATE CREATIVE_ASSETS"):
            updated.append(cursor.rowcount)

    event.listen(legacy_database.engine, "after_cursor_execute", count)
    try:
        sync_legacy_view(result)
        assert [0] == updated  # one batch, no row changed
        with legacy_session("test") as session:  # planted: one row's score moved behind the view's back
            session.get(CreativeAssetRow, str(result.creatives[0].creative_id)).qc_score = -1
        updated.clear()
        sync_legacy_view(result)
        assert [1] == updated
    finally:
        event.remove(legacy_database.engine, "after_cursor_execute", count)
