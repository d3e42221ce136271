"""The shared unit of work: `with uow:` rolls back unless commit() was called."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from aicmo.shared.persistence.unit_of_work import UnitOfWork


@pytest.fixture
def sessions():
    engine = create_engine("sqlite://", poolclass=StaticPool)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE notes (body TEXT)"))
    yield sessionmaker(bind=engine)
    engine.dispose()


def count(sessions) -> int:
    with sessions() as session:
        return session.execute(text("SELECT COUNT(*) FROM notes")).scalar()


def test_work_without_commit_is_rolled_back(sessions):
    """Leaving the block without commit() discards the writes."""
    with UnitOfWork(sessions) as uow:
        uow.session.execute(text("INSERT INTO notes VALUES ('kept?')"))
    assert 0 == count(sessions)


def test_committed_work_stays(sessions):
    """commit() inside the block keeps the writes."""
    with UnitOfWork(sessions) as uow:
        uow.session.execute(text("INSERT INTO notes VALUES ('kept')"))
        uow.commit()
    assert 1 == count(sessions)


def test_an_error_rolls_back_and_propagates(sessions):
    """An exception leaves the block with nothing written and is not swallowed."""
    with pytest.raises(ValueError), UnitOfWork(sessions) as uow:
        uow.session.execute(text("INSERT INTO notes VALUES ('lost')"))
        raise ValueError("boom")
    assert 0 == count(sessions)


def test_the_opened_hook_sees_the_new_session(sessions):
    """A subclass builds its repositories on the session the block opened."""

    class Notes(UnitOfWork):
        def _opened(self) -> None:
            self.seen = self.session

    with Notes(sessions) as uow:
        assert uow.seen is uow.session
