"""Every route change is appended to the audit trail, which can be neither updated nor deleted."""
from __future__ import annotations

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DatabaseError

from aicmo.strangler.migration import ChangeRefused, promote_module, set_kill_switch, set_rollout, set_tenant_override
from aicmo.strangler.routes import AppendOnlyViolation, Route, RouteChangeRow
from aicmo.strangler.evidence.tables import ShadowComparisonRow

from .conftest import POLICY, START, full_evidence, move


def _changes(sessions) -> list[tuple]:
    with sessions() as session:
        rows = session.scalars(select(RouteChangeRow).order_by(RouteChangeRow.id))
        return [(r.module, r.kind, r.tenant, r.from_value, r.to_value, r.who, r.why) for r in rows]


def test_each_change_is_audited_with_who_when_why_from_to(sessions, clock):
    """A promotion, an override, a rollout and the kill switch each append one row."""
    with sessions.begin() as session:
        promote_module(session, clock, "qc", "ana", "start shadowing", policy=POLICY)
        set_tenant_override(session, clock, "qc", "acme", Route.LEGACY, "bo", "acme is mid-campaign")
        set_rollout(session, clock, "qc", 25, "bo", "a quarter first")
        set_kill_switch(session, clock, True, "cy", "incident 42")
    assert [
        ("qc", "route", None, "legacy", "shadow", "ana", "start shadowing"),
        ("qc", "override", "acme", None, "legacy", "bo", "acme is mid-campaign"),
        ("qc", "rollout", None, "100", "25", "bo", "a quarter first"),
        ("*", "kill_switch", None, "off", "on", "cy", "incident 42"),
    ] == _changes(sessions)
    with sessions() as session:
        assert START == session.scalars(select(RouteChangeRow.at)).first()


def test_the_gate_evidence_is_stored_with_the_promotion(sessions, clock, recorder):
    """The shadow -> new row carries the evidence the gate saw."""
    move(sessions, clock, "qc", Route.SHADOW)
    full_evidence(recorder)
    with sessions.begin() as session:
        promote_module(session, clock, "qc", "ana", "evidence is in", policy=POLICY)
    with sessions() as session:
        row = session.scalars(select(RouteChangeRow).where(RouteChangeRow.to_value == "new")).one()
    assert 200 == row.evidence["comparisons"]
    assert {"characterization": True, "contract": True} == row.evidence["suites_on_new_path"]


def test_a_change_without_a_reason_is_refused(sessions, clock):
    """The audit trail says why; an empty reason is refused before anything is written."""
    with sessions.begin() as session, pytest.raises(ChangeRefused, match="reason"):
        promote_module(session, clock, "qc", "ana", "  ", policy=POLICY)
    assert [] == _changes(sessions)


def test_updating_an_audit_row_through_the_orm_is_refused(sessions, clock):
    """Changing a loaded audit row fails at flush, and nothing changes."""
    move(sessions, clock, "qc", Route.SHADOW)
    with pytest.raises(AppendOnlyViolation, match="append-only"):
        with sessions.begin() as session:
            session.scalars(select(RouteChangeRow)).one().why = "rewritten history"
    assert "to shadow" == _changes(sessions)[0][6]


def test_deleting_an_audit_row_through_the_orm_is_refused(sessions, clock):
    """session.delete of an audit row fails at flush."""
    move(sessions, clock, "qc", Route.SHADOW)
    with pytest.raises(AppendOnlyViolation):
        with sessions.begin() as session:
            session.delete(session.scalars(select(RouteChangeRow)).one())
    assert 1 == len(_changes(sessions))


@pytest.mark.parametrize("statement", [
    update(RouteChangeRow).values(why="x"),
    delete(RouteChangeRow),
    delete(ShadowComparisonRow),
])
def test_update_and_delete_statements_are_refused(sessions, clock, recorder, statement):
    """ORM update()/delete() statements, which skip the flush, are refused on the strangler session."""
    move(sessions, clock, "qc", Route.SHADOW)
    recorder.record_comparison("qc", True)
    with pytest.raises(AppendOnlyViolation):
        with sessions.begin() as session:
            session.execute(statement)
    assert 1 == len(_changes(sessions))


@pytest.mark.parametrize("verb", ["UPDATE {table} SET why = 'x'", "DELETE FROM {table}"])
def test_raw_sql_is_stopped_by_the_database(sessions, clock, verb):
    """Below the ORM and the session, a trigger of the migrations refuses the statement, on either backend."""
    move(sessions, clock, "qc", Route.SHADOW)
    with pytest.raises(DatabaseError, match="append-only"):
        with sessions.kw["bind"].begin() as connection:
            table = connection.dialect.identifier_preparer.format_table(RouteChangeRow.__table__)
            if connection.dialect.name == "sqlite":
                table = RouteChangeRow.__tablename__  # no schemas there
            connection.execute(text(verb.format(table=table)))
    assert "to shadow" == _changes(sessions)[0][6]


def test_declaring_and_rewording_a_divergence_is_audited_with_the_earlier_wording(sessions, recorder):
    """A divergence opens the gate to the mismatches it names: who declared it, and what it said before, stay on record."""
    recorder.declare_divergence("qc", "rounding-fix", "legacy rounds down", "ana", known={"rounding-fix", "x"})
    recorder.declare_divergence("qc", "rounding-fix", "legacy rounds 70.5 down; new rounds half up", "bo", known={"rounding-fix", "x"})
    assert [
        ("qc", "divergence", None, None, "declared", "ana", "rounding-fix: legacy rounds down"),
        ("qc", "divergence", None, "declared", "declared", "bo", "rounding-fix: legacy rounds 70.5 down; new rounds half up"),
    ] == _changes(sessions)
    with sessions() as session:
        last = session.scalars(select(RouteChangeRow).order_by(RouteChangeRow.id.desc())).first()
    assert "legacy rounds down" == last.evidence["earlier_reason"]
