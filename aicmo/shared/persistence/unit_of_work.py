"""A unit of work over one module-scoped session: `with uow:` rolls back unless `uow.commit()`.

Each module's unit of work commits on its own (rule 6); a module subclasses this to hang its
repositories on the session it opens.
"""
from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Optional, TypeVar

from aicmo.shared.persistence.engines import WRITE_INTENT

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

__all__ = ["UnitOfWork"]

U = TypeVar("U", bound="UnitOfWork")


class UnitOfWork:
    """One transaction of one module: opened on enter, rolled back and closed on exit."""

    session: Session

    def __init__(self, session_factory: sessionmaker) -> None:
        self._session_factory = session_factory
        self._writing = False

    def for_writing(self: U) -> U:
        """Declare that this unit of work will write: on SQLite its transaction takes the write lock first.

        Without it, two units of work that both read before writing can each hold a read lock
        and then both fail to upgrade ("database is locked"); with it the second waits its turn.
        """
        self._writing = True
        return self

    def __enter__(self: U) -> U:
        self.session = self._session_factory()
        if self._writing:
            self.session.connection(execution_options={WRITE_INTENT: True})
        self._opened()
        return self

    def _opened(self) -> None:
        """Hook for subclasses: build the repositories on the new session."""

    def __exit__(
        self, kind: Optional[type[BaseException]], error: Optional[BaseException], trace: Optional[TracebackType]
    ) -> None:
        # after a commit this rollback is a no-op; without one it discards everything, which
        # makes forgetting commit() a visible bug rather than a silent partial write
        self.rollback()
        self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
