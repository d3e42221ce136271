"""The runtime ownership guard: a module's session cannot write another module's table, by any route."""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any, Callable

import pytest
from sqlalchemy import Boolean, Date, DateTime, Float, Integer, create_engine, delete, insert, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from aicmo.shared.persistence.guard import OwnershipViolation
from aicmo.shared.persistence.module_session import module_sessionmaker
from aicmo.shared.persistence.ownership import LEGACY_TABLE_OWNERS, MODULES
from backend.db.models import Base

MODELS = {mapper.local_table.name: mapper.class_ for mapper in Base.registry.mappers}


def sample_values(table_name: str, row_id: str) -> dict[str, Any]:
    """A value of the right type for every column, so the row could be written."""
    values: dict[str, Any] = {}
    for column in Base.metadata.tables[table_name].columns:
        kind = column.type
        if isinstance(kind, Boolean):
            values[column.name] = False
        elif isinstance(kind, (Integer, Float)):
            values[column.name] = 1
        elif isinstance(kind, DateTime):
            values[column.name] = datetime(2026, 1, 1, tzinfo=timezone.utc)
        elif isinstance(kind, Date):
            values[column.name] = date(2026, 1, 1)
        else:
            values[column.name] = "seeded"
    values["id"] = row_id
    return values


def foreign_table(module: str) -> str:
    return next(t for t, owner in sorted(LEGACY_TABLE_OWNERS.items()) if owner != module)


@pytest.fixture
def engine():
    """An in-memory database with every legacy table and one seeded row in each."""
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        for table in Base.metadata.sorted_tables:
            session.execute(insert(table).values(**sample_values(table.name, "seed")))
        session.commit()
    yield engine
    engine.dispose()


def snapshot(engine, table: str) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(select(Base.metadata.tables[table]))]


def orm_add(session, model, table):
    session.add(model(**sample_values(table, "new")))
    session.flush()


def orm_update(session, model, table):
    session.get(model, "seed").id = "changed"
    session.flush()


def orm_delete(session, model, table):
    session.delete(session.get(model, "seed"))
    session.flush()


def orm_bulk_insert(session, model, table):
    session.execute(insert(model), [sample_values(table, "b1"), sample_values(table, "b2")])


def orm_update_statement(session, model, table):
    session.execute(update(model).values(id="changed"))


def core_insert(session, model, table):
    session.execute(insert(Base.metadata.tables[table]).values(**sample_values(table, "core")))


def core_delete(session, model, table):
    session.execute(delete(Base.metadata.tables[table]))


def raw_sql(session, model, table):
    session.execute(text(f'DELETE FROM "{table}"'))


def legacy_bulk_save(session, model, table):
    session.bulk_save_objects([model(**sample_values(table, "bulk"))])


def legacy_bulk_mappings(session, model, table):
    session.bulk_insert_mappings(model, [sample_values(table, "bulk")])


WRITES: dict[str, Callable[..., None]] = {
    f.__name__: f
    for f in (orm_add, orm_update, orm_delete, orm_bulk_insert, orm_update_statement, core_insert,
              core_delete, raw_sql, legacy_bulk_save, legacy_bulk_mappings)
}


@pytest.mark.parametrize("write", sorted(WRITES))
@pytest.mark.parametrize("module", MODULES)
def test_a_cross_module_write_is_blocked_and_nothing_is_written(engine, module, write):
    """Each module's session refuses to write a table another module owns; the table is unchanged."""
    table = foreign_table(module)
    before = snapshot(engine, table)
    with module_sessionmaker(module, engine)() as session:
        with pytest.raises(OwnershipViolation, match=f"module {module} may not write {table}"):
            WRITES[write](session, MODELS[table], table)
        session.rollback()
    assert before == snapshot(engine, table)


@pytest.mark.parametrize("table", sorted(LEGACY_TABLE_OWNERS))
def test_a_module_writes_its_own_tables(engine, table):
    """The owner's session inserts, updates and deletes its table freely."""
    owner = LEGACY_TABLE_OWNERS[table]
    model = MODELS[table]
    with module_sessionmaker(owner, engine)() as session:
        orm_add(session, model, table)
        session.execute(update(model).where(model.id == "new").values(id="renamed"))
        session.execute(delete(model).where(model.id == "seed"))
        session.commit()
    assert ["renamed"] == [row[0] for row in snapshot(engine, table)]


def test_reads_of_other_tables_are_not_blocked(engine):
    """The guard is about writes; reads go through ports, which the boundaries check enforces."""
    with module_sessionmaker("qc", engine)() as session:
        assert 1 == len(session.scalars(select(MODELS["creative_assets"])).all())


def test_an_unknown_module_has_no_session(engine):
    """Only the ten business modules get a session factory."""
    with pytest.raises(ValueError, match="unknown module 'marketing'"):
        module_sessionmaker("marketing", engine)


def test_a_plain_session_is_not_guarded(engine):
    """Legacy's global session keeps working unchanged until its module migrates."""
    with Session(engine) as session:
        core_delete(session, None, "billing_invoices")
        session.commit()
    assert [] == snapshot(engine, "billing_invoices")


def test_a_module_s_factory_is_made_once_per_engine_and_still_guards(engine):
    """Asked again (a new implementation is built per unit of work), the same factory; it still refuses foreign writes."""
    first, again = module_sessionmaker("qc", engine, database_role=True), module_sessionmaker("qc", engine, database_role=True)
    assert first is again
    assert first is not module_sessionmaker("production", engine, database_role=True)
    assert first is not module_sessionmaker("qc", engine)  # other settings, another factory
    table = foreign_table("qc")
    before = snapshot(engine, table)
    with again() as session:
        with pytest.raises(OwnershipViolation, match=f"module qc may not write {table}"):
            raw_sql(session, MODELS[table], table)
        session.rollback()
    assert before == snapshot(engine, table)


def test_a_connection_s_factory_is_never_kept(engine):
    """A connection (a shadow run's doomed transaction) gets a factory of its own each time."""
    with engine.connect() as connection:
        assert module_sessionmaker("qc", connection) is not module_sessionmaker("qc", connection)
