"""On PostgreSQL the database itself refuses a module's foreign write, whatever the Python guard does."""
from __future__ import annotations

import threading
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from aicmo.shared.persistence.module_roles import ensure_role, take_role_in_transactions
from tests.unit.shared.persistence.test_every_write_path_is_guarded import (  # noqa: F401 - seeded is a fixture
    FOREIGN_WRITES,
    LEGITIMATE,
    Names,
    campaigns,
    seeded,
)

INSUFFICIENT_PRIVILEGE = "42501"

# what the role alone lets through, and why: SET ROLE is the session's own to undo (a superuser
# session's, or any member's), and PREPARE checks privileges only when the statement is executed
ROLE_GAPS = {"reset_role", "set_config_role", "prepared_statement"}
# refused by the server before any privilege is looked at: several commands in one prepared statement
SYNTAX_REFUSALS = {"two_statements"}


@pytest.fixture
def seeded_postgres(seeded):
    if seeded.backend != "postgresql":
        pytest.skip("roles are PostgreSQL's; SQLite has none")
    return seeded


def unguarded_qc_session(engine) -> Session:
    """A plain session, no Python guard at all, whose transactions run as qc's role."""
    bind = engine.execution_options()
    take_role_in_transactions(bind, "qc")
    return Session(bind)


ROLE_REFUSED = sorted(v for v, (_, role_stops) in FOREIGN_WRITES.items() if role_stops and v not in ROLE_GAPS | SYNTAX_REFUSALS)


@pytest.mark.parametrize("vector", ROLE_REFUSED)
def test_without_the_python_guard_postgresql_refuses_the_foreign_write(seeded_postgres, vector):
    """With only the role between qc and cam_campaigns, the server answers insufficient_privilege; nothing changes."""
    engine = seeded_postgres.engine
    before = campaigns(engine)
    write, _ = FOREIGN_WRITES[vector]
    with unguarded_qc_session(engine) as session:
        with pytest.raises(DBAPIError) as refused:
            write(session, Names("postgresql"))
            session.commit()
        session.rollback()
    assert INSUFFICIENT_PRIVILEGE == refused.value.orig.sqlstate
    assert before == campaigns(engine)


@pytest.mark.parametrize("statement", sorted(LEGITIMATE))
def test_the_role_lets_qc_do_its_own_work(seeded_postgres, statement):
    """The role writes qc's schema (its sequences too) and reads every table."""
    with unguarded_qc_session(seeded_postgres.engine) as session:
        LEGITIMATE[statement](session, Names("postgresql"))
        session.commit()


def test_the_role_is_taken_inside_a_transaction_and_gone_after_it(seeded_postgres):
    """SET LOCAL: a connection back in the pool is the application's user again."""
    engine = seeded_postgres.engine
    with unguarded_qc_session(engine) as session:
        assert "aicmo_qc" == session.scalar(text("SELECT current_user"))
    with engine.connect() as connection:
        assert "aicmo_qc" != connection.scalar(text("SELECT current_user"))


def test_creating_a_role_concurrently_is_done_once_without_error(postgres):
    """A role created meanwhile by another transaction (blocked on it, then unique_violation) counts as created."""
    if postgres is None:
        pytest.skip("no PostgreSQL server")
    role = f"aicmo_test_{uuid.uuid4().hex[:10]}"
    engine = create_engine(postgres.url)
    errors: list[BaseException] = []

    def create() -> None:
        try:
            ensure_role(engine, role)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    try:
        with engine.connect() as rival:
            rival.exec_driver_sql(f'CREATE ROLE "{role}" NOLOGIN')  # held uncommitted: the others wait on it
            racers = [threading.Thread(target=create) for _ in range(3)]
            for racer in racers:
                racer.start()
            racers[0].join(timeout=0.5)  # they are blocked behind the rival's uncommitted role
            rival.commit()
            for racer in racers:
                racer.join(timeout=20)
        assert [] == errors
        ensure_role(engine, role)  # and once more, when it plainly exists
        with engine.connect() as connection:
            assert 1 == connection.scalar(text("SELECT count(*) FROM pg_roles WHERE rolname = :r"), {"r": role})
    finally:
        with engine.begin() as connection:
            connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
        engine.dispose()
