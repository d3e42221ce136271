"""retention_assessments with retention on its new path: the rows legacy wrote, kept by the legacy view.

The new retention writes only its own tables; its legacy view writes each assessment's row as
`backend.services.retention` wrote it (the score and factors unrounded, legacy's JSON, the
instant). A row lost or changed after retention committed is put back by a replay of the key, and
a key legacy already answered before the route moved is answered as legacy answered it.
"""
from __future__ import annotations

import pytest
from sqlalchemy import text

from aicmo.orchestration import bootstrap
from tests.new_paths import ports_with_new_retention
from tests.unit.retention.builders import legacy_journey, signals_of

# 50 silent days give an engagement factor (0.35 × 50/90) that 4 places do not hold: the row keeps it whole
SIGNALS = {"days_silent": 50, "rejections": 2, "overdue": 1, "approved_in_first_round": False}


@pytest.fixture
def outcome(monkeypatch, tmp_path, legacy_database, seeded_ids, fixed_clock):
    monkeypatch.chdir(tmp_path)
    for name in ("AICMO_E2E_MODE", "AICMO_REVIEW_CHANGE_SHARE", "AICMO_OUTPUT_DIR"):
        monkeypatch.delenv(name, raising=False)
    return legacy_journey()


def legacy_rows(database) -> dict[str, dict]:
    with database.engine.connect() as connection:
        return {row["id"]: dict(row) for row in connection.execute(text("SELECT * FROM retention_assessments")).mappings()}


def test_the_row_is_the_one_legacy_writes(outcome, database, seeded_ids):
    """The same signals under the same seed: legacy's row, column for column, written by the view."""
    signals = signals_of(outcome, **SIGNALS)
    seeded_ids.reseed("view")
    by_legacy = bootstrap.legacy_ports().retention.assess_retention(signals, "legacy")
    legacy_row = legacy_rows(database)[str(by_legacy.assessment_id)]
    with database.engine.begin() as connection:
        connection.execute(text("DELETE FROM retention_assessments WHERE id = :id"), {"id": legacy_row["id"]})
    seeded_ids.reseed("view")
    assert by_legacy == ports_with_new_retention(database.url).retention.assess_retention(signals, "new")
    assert legacy_row == legacy_rows(database)[legacy_row["id"]]
    assert legacy_row["risk_score"] != by_legacy.risk_score == round(legacy_row["risk_score"], 4)


def test_the_bare_new_retention_writes_no_legacy_row(outcome, database):
    """Without the view, retention_assessments gets nothing: the row is the view's doing."""
    before = legacy_rows(database)
    assessment = ports_with_new_retention(database.url, legacy_view=False).retention.assess_retention(signals_of(outcome), "bare")
    assert before == legacy_rows(database) and str(assessment.assessment_id) not in before


def test_a_lost_or_changed_row_is_written_again_by_the_replay(outcome, database):
    """A sync lost after retention committed (the row missing, or a column changed) is put back from retention's record."""
    ports = ports_with_new_retention(database.url)
    assessment = ports.retention.assess_retention(signals_of(outcome, **SIGNALS), "assess")
    before = legacy_rows(database)
    assessment_id = str(assessment.assessment_id)
    with database.engine.begin() as connection:
        connection.execute(text("DELETE FROM retention_assessments WHERE id = :id"), {"id": assessment_id})
    assert assessment == ports.retention.assess_retention(signals_of(outcome, **SIGNALS), "assess")
    assert before == legacy_rows(database)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE retention_assessments SET risk_level = 'low' WHERE id = :id"), {"id": assessment_id})
    ports.retention.assess_retention(signals_of(outcome, **SIGNALS), "assess")
    assert before == legacy_rows(database)


def test_a_key_legacy_answered_before_the_route_moved_is_answered_as_legacy_did(outcome, database, seeded_ids):
    """A journey in flight: the assessment legacy made under its key is not made again on the new route."""
    signals = signals_of(outcome, days_silent=7)
    by_legacy = bootstrap.legacy_ports().retention.assess_retention(signals, "in-flight")
    rows, drawn = legacy_rows(database), len(seeded_ids.issued)
    assert by_legacy == ports_with_new_retention(database.url).retention.assess_retention(signals, "in-flight")
    assert (rows, drawn) == (legacy_rows(database), len(seeded_ids.issued))
