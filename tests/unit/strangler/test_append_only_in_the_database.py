"""The audit trail and the evidence are append-only in the database itself, for every statement kind.

Each attack is plain SQL on a raw driver connection (no ORM, no strangler session), so only
the migrations' triggers stand in the way; the row is checked unchanged afterwards.
"""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select

from aicmo.orchestration.bootstrap import prepare_database
from aicmo.shared.clock import FixedClock
from aicmo.strangler.database.append_only import append_only_tables
from aicmo.strangler.evidence import EvidenceRecorder
from aicmo.strangler.migration import promote_module
from aicmo.strangler.routes import RouteChangeRow
from aicmo.strangler.schema import strangler_sessions

from .migration.conftest import POLICY, START

# per table: the column an attacker rewrites, and the value that would lie
REWRITES = {
    "strangler_route_changes": ("why", "'rewritten history'"),
    "strangler_suite_runs": ("passed", "true"),
    "strangler_shadow_comparisons": ("matched", "false"),
    "strangler_lost_comparisons": ("reason", "'nothing was lost'"),
}

ATTACKS = {
    "update": "UPDATE {table} SET {column} = {value}",
    "delete": "DELETE FROM {table}",
    "upsert": "INSERT INTO {table} ({names}) SELECT {columns} FROM {table} WHERE id = 1 ON CONFLICT (id) DO UPDATE SET {column} = {value}",
}
SQLITE_ONLY = {
    "insert or replace": "INSERT OR REPLACE INTO {table} ({names}) SELECT {columns} FROM {table} WHERE id = 1",
    "replace": "REPLACE INTO {table} ({names}) SELECT {columns} FROM {table} WHERE id = 1",
}
POSTGRES_ONLY = {"truncate": "TRUNCATE {table}", "truncate cascade": "TRUNCATE {table} RESTART IDENTITY CASCADE"}


def _seed(engine) -> None:
    sessions = strangler_sessions(engine)
    clock = FixedClock(START)
    with sessions.begin() as session:
        promote_module(session, clock, "qc", "ana", "start shadowing", policy=POLICY)
    recorder = EvidenceRecorder(sessions, clock)
    recorder.record_suite_run("qc", "contract", "new", False, database=recorder.database)
    recorder.record_comparison("qc", True)
    recorder.record_lost_comparison("qc", "evaluate", "the comparison could not be written")


def _rows(engine, table: str) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(r) for r in connection.exec_driver_sql(f"SELECT * FROM {_name(engine, table)} ORDER BY id")]


def _name(engine, table: str) -> str:
    return table if engine.dialect.name == "sqlite" else f"strangler.{table}"


def _statement(engine, template: str, table: str) -> str:
    column, value = REWRITES[table]
    if engine.dialect.name == "sqlite":
        value = {"true": "1", "false": "0"}.get(value, value)
    names = [c.name for c in RouteChangeRow.metadata.tables[f"strangler.{table}"].columns]
    columns = ", ".join(f"{value} AS {n}" if n == column else n for n in names)
    return template.format(table=_name(engine, table), column=column, value=value, columns=columns, names=", ".join(names))


def _attacks(backend: str) -> list[tuple[str, str]]:
    extra = SQLITE_ONLY if backend == "sqlite" else POSTGRES_ONLY
    return sorted({**ATTACKS, **extra}.items())


def test_every_append_only_table_is_covered():
    """The tables the attacks are run on are exactly the ones the code declares append-only."""
    assert set(REWRITES) == append_only_tables()


@pytest.mark.parametrize("table", sorted(REWRITES))
def test_raw_statements_cannot_change_an_append_only_table(database, table):
    """UPDATE, DELETE, upsert, INSERT OR REPLACE (SQLite) and TRUNCATE (PostgreSQL) on a raw connection: refused, row intact."""
    engine = database.engine
    _seed(engine)
    before = _rows(engine, table)
    assert before, "the seed wrote nothing to attack"
    for kind, template in _attacks(database.backend):
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            with pytest.raises(Exception, match="append-only") as refused:
                cursor.execute(_statement(engine, template, table))
                raw.commit()
            raw.rollback()
        finally:
            raw.close()
        assert before == _rows(engine, table), f"{kind} changed {table}: {refused.value}"


def test_replace_is_refused_on_a_connection_the_kit_never_configured(tmp_path):
    """A bare sqlite3 connection (recursive_triggers off, no pragma of ours) still cannot replace an audit row."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    _seed(prepare_database(url, upgrade=True))
    bare = sqlite3.connect(tmp_path / "app.db")
    try:
        assert 0 == bare.execute("PRAGMA recursive_triggers").fetchone()[0]
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            bare.execute("INSERT OR REPLACE INTO strangler_route_changes (id, module, kind, to_value, who, why, at, evidence) "
                         "VALUES (1, 'qc', 'route', 'new', 'mallory', 'never happened', '2026-01-01', '{}')")
        assert "start shadowing" == bare.execute("SELECT why FROM strangler_route_changes WHERE id = 1").fetchone()[0]
    finally:
        bare.close()


def test_the_orm_still_appends(database):
    """The triggers refuse changes, not new rows: the seed's audit row was written."""
    _seed(database.engine)
    with strangler_sessions(database.engine)() as session:
        assert ["start shadowing"] == list(session.scalars(select(RouteChangeRow.why)))
