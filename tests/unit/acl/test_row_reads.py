"""row_by_id answers as Session.get does, creative_rows as legacy's creatives_for: their prebuilt SELECTs keep the
statement, never a row. On SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import event, update

from acl._support.creative_rows import creative_rows
from acl._support.legacy_session import legacy_session
from acl._support.row_reads import row_by_id
from backend.db.models import CampaignRow, CreativeAssetRow, ReportSnapshotRow

MOMENT = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def _add_project(row_id: str, name: str) -> None:
    with legacy_session("onboarding") as session:
        session.add(CampaignRow(id=row_id, name=name, kind="project", created_at=MOMENT))


def test_a_row_changed_by_another_session_is_read_afresh(legacy_database):
    """The statement is built once; the row it answers is the database's now, not the first answer."""
    _add_project("p1", "before")
    with legacy_session("onboarding") as session:
        first = row_by_id(session, CampaignRow, "p1").name
    with legacy_session("onboarding") as session:
        session.execute(update(CampaignRow).where(CampaignRow.id == "p1").values(name="after"))
    with legacy_session("onboarding") as session:
        assert ("before", "after") == (first, row_by_id(session, CampaignRow, "p1").name)


def test_the_sessions_own_row_comes_from_its_identity_map_with_its_pending_change(legacy_database):
    """A row the session holds is that very object, unflushed change included, and no SELECT is sent."""
    _add_project("p1", "stored")
    with legacy_session("onboarding") as session:
        held = row_by_id(session, CampaignRow, "p1")
        held.name = "pending"
        sent: list[str] = []
        event.listen(session.connection(), "before_cursor_execute", lambda *args: sent.append(args[2]))
        again = row_by_id(session, CampaignRow, "p1")
        assert (held, "pending", []) == (again, again.name, sent)


def test_a_row_added_in_the_session_is_found_as_get_finds_it(legacy_database):
    """Legacy's sessions do not autoflush: before a flush neither get nor row_by_id sees the new row, after it both."""
    with legacy_session("onboarding") as session:
        added = CampaignRow(id="p2", name="new", kind="project", created_at=MOMENT)
        session.add(added)
        before = (row_by_id(session, CampaignRow, "p2"), session.get(CampaignRow, "p2"))
        session.flush()
        assert ((None, None), added) == (before, row_by_id(session, CampaignRow, "p2"))


def test_a_missing_row_is_none_for_every_model(legacy_database):
    with legacy_session("reporting") as session:
        assert (None, None) == (row_by_id(session, CampaignRow, "nope"), row_by_id(session, ReportSnapshotRow, "nope"))


def test_a_row_deleted_by_another_session_is_gone(legacy_database):
    _add_project("p3", "doomed")
    with legacy_session("onboarding") as session:
        assert row_by_id(session, CampaignRow, "p3") is not None
    with legacy_session("onboarding") as session:
        session.delete(row_by_id(session, CampaignRow, "p3"))
    with legacy_session("onboarding") as session:
        assert row_by_id(session, CampaignRow, "p3") is None


def _add_creatives(set_id: str, positions: tuple[int, ...]) -> None:
    with legacy_session("production") as session:
        for position in positions:
            session.add(CreativeAssetRow(
                id=f"{set_id}-{position}", campaign_id=set_id, position=position, platform="instagram", format="post",
                pillar_index=0, pillar_name="p", hook="h", caption=f"c{position}", cta="go", tone="warm", created_at=MOMENT,
            ))


def test_creative_rows_are_the_sets_rows_in_position_order(legacy_database):
    """As legacy's creatives_for: the set's rows only, by position, the session's own objects."""
    _add_creatives("s1", (3, 1, 2))
    _add_creatives("s2", (1,))
    with legacy_session("production") as session:
        rows = creative_rows(session, "s1")
        assert ["s1-1", "s1-2", "s1-3"] == [row.id for row in rows]
        assert (rows[0], []) == (row_by_id(session, CreativeAssetRow, "s1-1"), creative_rows(session, "nope"))


def test_creative_rows_read_what_another_session_changed_since(legacy_database):
    """The statement is kept, never the rows: a caption changed and a row added elsewhere are read afresh."""
    _add_creatives("s1", (1,))
    with legacy_session("production") as session:
        before = [row.caption for row in creative_rows(session, "s1")]
    with legacy_session("production") as session:
        session.execute(update(CreativeAssetRow).where(CreativeAssetRow.id == "s1-1").values(caption="rewritten"))
    _add_creatives("s1", (2,))
    with legacy_session("production") as session:
        assert (["c1"], ["rewritten", "c2"]) == (before, [row.caption for row in creative_rows(session, "s1")])
