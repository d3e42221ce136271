"""A repository holds the rows it read for its unit of work: read again there from the session, read anew by the next one."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event, text

from aicmo.onboarding.api import ClientIntake, ProjectState
from aicmo.onboarding.internal import descriptor
from aicmo.onboarding.internal.unit_of_work import OnboardingUnitOfWork
from aicmo.shared.clock import FixedClock
from aicmo.shared.persistence.module_session import module_sessionmaker

NOW = dt.datetime(2026, 1, 15, 10, 0, tzinfo=dt.timezone.utc)
INTAKE = ClientIntake(brand_name="Helix", industry="B2B software", pack="full_funnel")


@pytest.fixture
def project(database):
    return descriptor.build_onboarding(database.engine, FixedClock(NOW), {}).onboard_client(INTAKE, "k1")


def selects_of_projects(engine, work) -> int:
    seen = []

    def count(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("SELECT") and "onboarding_projects" in statement:
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        work()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)


def test_a_row_read_twice_in_one_unit_of_work_is_queried_once(database, project):
    """get() then view_version(): the second is answered from the session (the row is held, not dropped)."""
    def work() -> None:
        with OnboardingUnitOfWork(module_sessionmaker("onboarding", database.engine)) as uow:
            assert ProjectState.STRATEGY_DRAFT is uow.projects.get(project.client_id).state
            assert -1 == uow.projects.view_version(project.client_id)

    assert 1 == selects_of_projects(database.engine, work)


def test_a_row_another_writer_changed_is_read_anew_by_the_next_unit_of_work(database, project):
    """Planted: the row changed behind the repository's back between two units of work; the second sees the change."""
    sessions = module_sessionmaker("onboarding", database.engine)
    with OnboardingUnitOfWork(sessions) as uow:
        assert "Client project for Helix" == uow.projects.get(project.client_id).description
    table = "onboarding.onboarding_projects" if database.backend == "postgresql" else "onboarding_projects"
    with database.engine.begin() as connection:
        connection.execute(text(f"UPDATE {table} SET description = 'changed elsewhere' WHERE client_id = :c"),
                           {"c": project.client_id})
    with OnboardingUnitOfWork(sessions) as uow:
        assert "changed elsewhere" == uow.projects.get(project.client_id).description


def test_a_locking_read_queries_and_locks_even_when_the_row_is_held(database, project):
    """get(for_update=True) after a plain get() still goes to the database (the lock is the point)."""
    def work() -> None:
        with OnboardingUnitOfWork(module_sessionmaker("onboarding", database.engine)).for_writing() as uow:
            uow.projects.get(project.client_id)
            uow.projects.get(project.client_id, for_update=True)

    assert 2 == selects_of_projects(database.engine, work)
