"""Legacy joined to a transaction the caller rolls back (how a shadow replay runs legacy), on each backend."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from acl._support.legacy_session import legacy_session
from acl._support.rolled_back_legacy import joined_to
from aicmo.shared.persistence.engines import engine_for
from backend.db.models import CampaignRow

WHEN = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def test_what_legacy_commits_while_joined_is_undone_by_the_rollback_and_later_sessions_commit_again(
        legacy_database, database):
    engine = engine_for(database.url)

    def campaigns() -> int:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(CampaignRow))

    with engine.connect() as connection:
        connection.begin()
        with joined_to(connection):
            with legacy_session("cam") as session:  # legacy commits: a savepoint of the caller's transaction
                session.add(CampaignRow(id="c1", name="n", created_at=WHEN))
            with legacy_session("cam") as session:  # a later session of the same run sees it
                seen = session.get(CampaignRow, "c1") is not None
        connection.rollback()
    assert (True, 0) == (seen, campaigns())
    with legacy_session("cam") as session:  # the sessionmaker is legacy's own again
        session.add(CampaignRow(id="c2", name="n", created_at=WHEN))
    assert 1 == campaigns()
