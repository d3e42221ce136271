"""qc's unit of work cannot write cam_campaigns by any path, and writes its own tables by every one.

Each planted write is tried from inside a qc unit of work (its session bound as in production,
with the PostgreSQL role) and must raise OwnershipViolation with the legacy table unchanged;
each legitimate statement, including the ones a pattern over the text used to refuse, must run.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable

import attrs
import pytest
from sqlalchemy import delete, insert, select, text, update

from aicmo.qc.internal.tables import QcOutboxRow, QcResultRow
from aicmo.qc.internal.unit_of_work import QcUnitOfWork
from aicmo.shared.persistence.guard import OwnershipViolation
from aicmo.shared.persistence.module_session import module_sessionmaker
from backend.db.models import Base, CampaignRow

CAMPAIGNS = Base.metadata.tables["cam_campaigns"]
NOW = datetime(2026, 1, 15, 10, 0, tzinfo=timezone.utc)


@attrs.frozen
class Names:
    """The tables as a statement on this backend names them."""

    backend: str

    @property
    def qualified_foreign(self) -> str:
        return "public.cam_campaigns" if self.backend == "postgresql" else "main.cam_campaigns"

    @property
    def qualified_own(self) -> str:
        return "qc.qc_results" if self.backend == "postgresql" else "main.qc_results"

    @property
    def shouted_own(self) -> str:
        return self.qualified_own.upper()


def campaign(row_id: str) -> dict:
    return {"id": row_id, "name": "planted", "description": "planted", "kind": "campaign", "created_at": NOW}


def result_row(row_id: str) -> QcResultRow:
    return QcResultRow(
        id=row_id, client_id="c", creative_set_id=row_id, round_number=0, ruleset="v1", verdict="QC_APPROVED",
        duplicate_hook_share=0.0, calendar_findings="[]", documents="{}", intake_findings="[]", evaluated_at=NOW,
        idempotency_key=row_id, request_fingerprint="f")


def sql(statement: str) -> Callable:
    """A planted write sent as text through the session."""
    def write(session, names: Names) -> None:
        session.execute(text(statement.format(names=names)))
    return write


def driver_sql(statement: str) -> Callable:
    """A planted write sent straight to the driver through the session's connection."""
    def write(session, names: Names) -> None:
        session.connection().exec_driver_sql(statement.format(names=names))
    return write


def orm_add(session, names):
    session.add(CampaignRow(**campaign("orm")))
    session.flush()


def orm_update(session, names):
    session.get(CampaignRow, "seed").name = "changed"
    session.flush()


def orm_delete(session, names):
    session.delete(session.get(CampaignRow, "seed"))
    session.flush()


def orm_bulk_insert(session, names):
    session.execute(insert(CampaignRow), [campaign("b1"), campaign("b2")])


def orm_update_statement(session, names):
    session.execute(update(CampaignRow).values(name="changed"))


def core_insert(session, names):
    session.execute(insert(CAMPAIGNS).values(**campaign("core")))


def core_delete(session, names):
    session.execute(delete(CAMPAIGNS))


def legacy_bulk_save(session, names):
    session.bulk_save_objects([CampaignRow(**campaign("bulk"))])


def legacy_bulk_insert_mappings(session, names):
    session.bulk_insert_mappings(CampaignRow, [campaign("bulk")])


def legacy_bulk_update_mappings(session, names):
    session.bulk_update_mappings(CampaignRow, [{"id": "seed", "name": "changed"}])


def connection_core_insert(session, names):
    session.connection().execute(insert(CAMPAIGNS).values(**campaign("conn")))


def connection_exec_driver_sql(session, names):
    session.connection().exec_driver_sql("DELETE FROM cam_campaigns")


def bind_new_connection(session, names):
    with session.get_bind().connect() as connection:
        connection.execute(delete(CAMPAIGNS))
        connection.commit()


def bind_begin_driver_sql(session, names):
    with session.get_bind().begin() as connection:
        connection.exec_driver_sql("UPDATE cam_campaigns SET name = 'changed'")


# (vector, whether the PostgreSQL role alone refuses it: False where the text never reaches a
# table there — SQLite's own syntax — or where it is the role itself that is being dropped)
FOREIGN_WRITES: dict[str, tuple[Callable, bool]] = {
    "orm_add": (orm_add, True),
    "orm_update": (orm_update, True),
    "orm_delete": (orm_delete, True),
    "orm_bulk_insert": (orm_bulk_insert, True),
    "orm_update_statement": (orm_update_statement, True),
    "core_insert": (core_insert, True),
    "core_delete": (core_delete, True),
    "legacy_bulk_save": (legacy_bulk_save, True),
    "legacy_bulk_insert_mappings": (legacy_bulk_insert_mappings, True),
    "legacy_bulk_update_mappings": (legacy_bulk_update_mappings, True),
    "connection_core_insert": (connection_core_insert, True),
    "connection_exec_driver_sql": (connection_exec_driver_sql, True),
    "bind_new_connection": (bind_new_connection, True),
    "bind_begin_driver_sql": (bind_begin_driver_sql, True),
    "text_delete": (sql('DELETE FROM "cam_campaigns"'), True),
    "comment_inside_keyword": (sql("INSERT/**/INTO cam_campaigns (id, name, description, kind, created_at) "
                                   "VALUES ('c', 'n', 'd', 'k', '2026-01-15')"), True),
    "line_comment_first": (sql("-- tidy up\nDELETE FROM cam_campaigns"), True),
    "upper_case_table": (sql("UPDATE CAM_CAMPAIGNS SET name = 'changed'"), True),
    "schema_qualified_table": (sql("DELETE FROM {names.qualified_foreign}"), True),
    "replace_into": (sql("REPLACE INTO cam_campaigns (id, name, description, kind, created_at) "
                         "VALUES ('seed', 'n', 'd', 'k', '2026-01-15')"), False),
    "insert_or_replace": (sql("INSERT OR REPLACE INTO cam_campaigns (id, name, description, kind, created_at) "
                              "VALUES ('seed', 'n', 'd', 'k', '2026-01-15')"), False),
    "upsert": (sql("INSERT INTO cam_campaigns (id, name, description, kind, created_at) "
                   "VALUES ('seed', 'n', 'd', 'k', '2026-01-15') ON CONFLICT (id) DO UPDATE SET name = 'changed'"), True),
    "truncate": (driver_sql("TRUNCATE cam_campaigns"), True),
    "drop_table": (driver_sql("DROP TABLE cam_campaigns"), True),
    "alter_table": (driver_sql("ALTER TABLE cam_campaigns ADD COLUMN planted INTEGER"), True),
    "create_index": (driver_sql("CREATE INDEX ix_planted ON cam_campaigns (name)"), True),
    "writable_cte": (sql("WITH gone AS (DELETE FROM cam_campaigns RETURNING id) SELECT count(*) FROM gone"), True),
    "merge": (sql("MERGE INTO cam_campaigns c USING (SELECT 'seed' AS id) s ON c.id = s.id WHEN MATCHED THEN DELETE"), True),
    "do_block": (driver_sql("DO $$ BEGIN DELETE FROM cam_campaigns; END $$"), True),
    "two_statements": (driver_sql("SELECT 1; DELETE FROM cam_campaigns"), True),
    "prepared_statement": (driver_sql("PREPARE planted AS DELETE FROM cam_campaigns"), True),
    "select_into": (sql("SELECT * INTO planted_copy FROM cam_campaigns"), True),
    "reset_role": (driver_sql("RESET ROLE"), False),
    "set_config_role": (sql("SELECT set_config('role', 'postgres', true)"), False),
}


def own_orm_writes(session, names):
    session.add(result_row("r1"))
    session.add(QcOutboxRow(event_id="e1", event_type="QcPassed", payload="{}", occurred_at=NOW))
    session.flush()
    session.execute(update(QcResultRow).where(QcResultRow.id == "r1").values(verdict="QC_REJECTED"))


def own_savepoint(session, names):
    with session.begin_nested():
        session.add(result_row("r2"))


def own_driver_sql(session, names):
    session.connection().exec_driver_sql(f"DELETE FROM {names.qualified_own} WHERE id = 'none'")


def own_new_connection(session, names):
    with session.get_bind().begin() as connection:
        connection.execute(text(f"UPDATE {names.qualified_own} SET verdict = 'x' WHERE id = 'none'"))


LEGITIMATE: dict[str, Callable] = {
    "own_orm_writes": own_orm_writes,
    "own_savepoint": own_savepoint,
    "own_driver_sql": own_driver_sql,
    "own_new_connection": own_new_connection,
    "own_schema_qualified": sql("UPDATE {names.qualified_own} SET verdict = 'x' WHERE id = 'none'"),
    "own_upper_case": sql("UPDATE {names.shouted_own} SET verdict = 'x' WHERE id = 'none'"),
    "literal_naming_a_foreign_write": sql("UPDATE {names.qualified_own} SET verdict = 'update cam_campaigns' WHERE id = 'none'"),
    "select_of_a_write_in_a_literal": sql("SELECT 'update cam_campaigns set name = 1' AS note"),
    "comment_naming_a_foreign_write": sql("SELECT 1 /* delete from cam_campaigns */"),
    "read_of_a_foreign_table": sql("SELECT count(*) FROM cam_campaigns"),
    "read_joining_a_foreign_table": sql("SELECT r.id FROM {names.qualified_own} r JOIN cam_campaigns c ON c.id = r.client_id"),
}


@pytest.fixture
def seeded(database):
    """The migrated database with legacy's cam_campaigns holding one row."""
    engine = database.engine
    CAMPAIGNS.create(engine, checkfirst=True)
    with engine.begin() as connection:
        connection.execute(insert(CAMPAIGNS).values(**campaign("seed")))
    return database


def campaigns(engine) -> tuple[list[str], list[tuple]]:
    """The table's columns and rows: a dropped column, an index or a changed row all show."""
    from sqlalchemy import inspect

    with engine.connect() as connection:
        inspector = inspect(connection)
        shape = [c["name"] for c in inspector.get_columns("cam_campaigns")] + [i["name"] for i in inspector.get_indexes("cam_campaigns")]
        return shape, [tuple(row) for row in connection.execute(select(CAMPAIGNS).order_by(CAMPAIGNS.c.id))]


def qc_sessions(engine):
    return module_sessionmaker("qc", engine, database_role=True)


@pytest.mark.parametrize("vector", sorted(FOREIGN_WRITES))
def test_a_foreign_write_is_refused_by_every_path_and_nothing_is_written(seeded, vector):
    """qc's unit of work raises OwnershipViolation naming the refusal; cam_campaigns is exactly as it was."""
    engine = seeded.engine
    before = campaigns(engine)
    write, _ = FOREIGN_WRITES[vector]
    with QcUnitOfWork(qc_sessions(engine)) as uow:
        with pytest.raises(OwnershipViolation, match="module qc may not"):
            write(uow.session, Names(seeded.backend))
        uow.session.expunge_all()  # the refused objects; whatever else the transaction holds is committed
        uow.commit()
    assert before == campaigns(engine)


@pytest.mark.parametrize("statement", sorted(LEGITIMATE))
def test_a_legitimate_statement_runs(seeded, statement):
    """qc's own tables however named, literals and comments that only mention a write, reads of any table."""
    with QcUnitOfWork(qc_sessions(seeded.engine)) as uow:
        LEGITIMATE[statement](uow.session, Names(seeded.backend))
        uow.commit()
