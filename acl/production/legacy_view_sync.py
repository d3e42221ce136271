"""The legacy view of production: with production on its new path, keep creative_assets as legacy kept it.

Legacy readers (qc, client_review and delivery on legacy, reporting, the operator flow) read
the creatives from `creative_assets`. The new production keeps them in its own tables, so this
sync writes the production columns of those rows from production's state, through the legacy
session, with exactly the values `backend.services.production` wrote (a new row: review_round
0, the qc_* and review_* columns empty). The qc_* columns are qc's legacy view, never touched here;
review_* hold the client's review (Q-10), which client review records through production's port
(`record_review`): written here for a creative whose review production recorded, and left to
legacy client review's frozen writer otherwise.

Before each call that reads or changes a set, the wrapper also reads the view back:

- a row production's status does not explain was written by a frozen legacy writer of another
  module (delivery's Q-12 writes DELIVERED on the creatives it packs): production **absorbs**
  it, applied in its own unit of work, once (its inbox), never by writing its tables from here;
- a row still holding the status from before production's last change, a missing row, or other
  production columns that differ (no other writer touches them) is a sync lost in a crash after
  production committed: it is **re-synced**;
- rows of a set production does not know were produced by legacy production before the route
  changed (a journey in flight): production **adopts** them, once, as they stand; and a keyed
  command legacy production already answered (the journey resumed on the new route) is answered
  as legacy answered it, not run again.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Optional, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from acl._support.legacy_answers import legacy_answer as module_legacy_answer
from acl._support.legacy_session import legacy_session
from aicmo.production.api import (
    ContentCalendar,
    CreativeId,
    CreativeReviewMark,
    CreativeSet,
    CreativeSetId,
)
from aicmo.production.internal.legacy_writes import LegacySet, LegacyStatusWrite, ViewState
from aicmo.production.internal.model import CreativeRecord
from aicmo.production.internal.service import ProductionService
from aicmo.shared.compensation import Compensation, CompensationStatus
from aicmo.strategy.api import Strategy
from backend.db.models import CampaignRow, CreativeAssetRow

__all__ = ["ProductionWithLegacyView", "legacy_answer", "reconcile", "sync_legacy_view"]

MODULE = "production"
A = TypeVar("A")

# production's columns of creative_assets, besides id, campaign_id and status
_COLUMNS = ("position", "platform", "format", "pillar_index", "pillar_name", "hook", "caption", "cta", "tone", "revision",
            "created_at")


def _rows(session: Session, client_id: str) -> dict[str, CreativeAssetRow]:
    query = select(CreativeAssetRow).where(CreativeAssetRow.campaign_id == client_id).order_by(CreativeAssetRow.position)
    return {row.id: row for row in session.scalars(query)}


# the client's review: written only for a creative whose review production recorded; while
# client review is on legacy, its frozen writer keeps these columns and production holds none
_REVIEW = ("review_status", "review_notes", "review_round")


def _reviewed(creative: CreativeRecord) -> bool:
    return creative.review_status is not None or creative.review_notes is not None or creative.review_round != 0


def _same(row: CreativeAssetRow, creative: CreativeRecord, name: str) -> bool:
    value = getattr(row, name)
    if name == "created_at" and value is not None and value.tzinfo is None:
        # SQLite gives the instant back without its zone; it was stored in UTC
        return value == creative.created_at.replace(tzinfo=None)
    return value == getattr(creative, name)


def sync_legacy_view(state: ViewState) -> None:
    """Write every creative's production columns onto its creative_assets row, adding the missing rows."""
    with legacy_session(MODULE) as session:
        rows = _rows(session, state.client_id)
        for creative in state.creatives:
            row = rows.get(creative.creative_id)
            if row is None:
                session.add(CreativeAssetRow(
                    id=creative.creative_id,
                    campaign_id=state.client_id,
                    position=creative.position,
                    status=creative.status,
                    revision=creative.revision,
                    review_round=creative.review_round,
                    review_status=creative.review_status,
                    review_notes=creative.review_notes,
                    created_at=creative.created_at,
                    platform=creative.platform,
                    format=creative.format,
                    pillar_index=creative.pillar_index,
                    pillar_name=creative.pillar_name,
                    hook=creative.hook,
                    caption=creative.caption,
                    cta=creative.cta,
                    tone=creative.tone,
                ))
                continue
            # only what differs is written: a column left alone is never an UPDATE of someone else's row
            for name in (*_COLUMNS, "status", *(_REVIEW if _reviewed(creative) else ())):
                if not _same(row, creative, name):
                    setattr(row, name, getattr(creative, name))


def _legacy_writes(state: ViewState, rows: dict[str, CreativeAssetRow]) -> tuple[list[LegacyStatusWrite], bool]:
    """The statuses legacy writers put on the view, and whether anything else differs (a lost sync)."""
    writes, lost = [], False
    for creative in state.creatives:
        row = rows.get(creative.creative_id)
        if row is None:
            lost = True
            continue
        if not all(_same(row, creative, name) for name in (*_COLUMNS, *(_REVIEW if _reviewed(creative) else ()))):
            lost = True  # nobody else writes these; the status is judged on its own (a write may follow a lost sync)
        if row.status == creative.status:
            continue
        if creative.status_changes and row.status == creative.status_before:
            lost = True  # the view never got production's last change
        else:
            writes.append(LegacyStatusWrite(creative.creative_id, row.status, creative.status_changes))
    return writes, lost


def _aware(value: datetime) -> datetime:
    # SQLite gives the instant back without its zone; legacy stored it in UTC
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def _legacy_set(creative_set_id: CreativeSetId) -> Optional[LegacySet]:
    """The set as legacy production left it (its id is the client's), or None when legacy has no row of it."""
    client_id = str(creative_set_id)
    with legacy_session(MODULE) as session:
        rows = list(_rows(session, client_id).values())
        if not rows:
            return None
        project = session.get(CampaignRow, client_id)
        creatives = tuple(
            CreativeRecord(creative_id=row.id, ordinal=ordinal, position=row.position, platform=row.platform, format=row.format,
                           pillar_index=row.pillar_index, pillar_name=row.pillar_name, hook=row.hook, caption=row.caption,
                           cta=row.cta, tone=row.tone, status=row.status, revision=row.revision, created_at=_aware(row.created_at))
            for ordinal, row in enumerate(rows)
        )
        # legacy answers with the project's name, and its strategy id is the client's (acl/production/translation.py)
        return LegacySet(client_id, client_id, client_id, project.name if project is not None else "", creatives)


def reconcile(production: ProductionService, creative_set_id: CreativeSetId) -> Optional[CreativeSet]:
    """Adopt a set legacy produced, absorb what legacy writers put on the view, re-sync what a crash left behind.

    When there was nothing to do, the set as production answers it, read with the state the
    view was compared with (so get_creative_set need not read it again); None otherwise.
    """
    state, current = production.view_state_and_set(creative_set_id)
    if state is None:
        legacy = _legacy_set(creative_set_id)
        if legacy is not None:
            production.adopt_legacy_set(legacy)
        return None  # a set neither legacy nor production made: nothing to keep
    with legacy_session(MODULE) as session:
        writes, lost = _legacy_writes(state, _rows(session, state.client_id))
    if writes:
        production.absorb_legacy_writes(creative_set_id, writes)
        state = production.view_state(creative_set_id) or state
    if writes or lost:
        sync_legacy_view(state)
        return None  # production's state may have moved: read it anew
    return current


def legacy_answer(method: str, idempotency_key: str, request: Any, answer: type[A]) -> Optional[A]:
    """What the legacy adapter answered under this key before production's route changed, or None."""
    return module_legacy_answer(MODULE, method, idempotency_key, request, answer)


class ProductionWithLegacyView:
    """A ProductionPort that keeps creative_assets in step with the new production it wraps.

    The sync runs after production's own transaction committed and writes production's current
    state (not the answer, which a replay gives from the first call), so running it again is safe.
    """

    def __init__(self, production: ProductionService) -> None:
        self._production = production

    def _synced(self, creative_set_id: CreativeSetId) -> None:
        state = self._production.view_state(creative_set_id)
        if state is not None:
            sync_legacy_view(state)

    def produce_creatives(self, strategy: Strategy, idempotency_key: str) -> CreativeSet:
        earlier = legacy_answer("produce_creatives", idempotency_key, strategy.strategy_id, CreativeSet)
        if earlier is not None:
            reconcile(self._production, earlier.creative_set_id)
            return earlier
        result = self._production.produce_creatives(strategy, idempotency_key)
        self._synced(result.creative_set_id)
        return result

    def build_calendar(self, strategy: Strategy) -> ContentCalendar:
        return self._production.build_calendar(strategy)

    def rewrite_creatives(self, creative_set_id: CreativeSetId, creative_ids: tuple[CreativeId, ...], strategy: Strategy,
                          idempotency_key: str) -> CreativeSet:
        earlier = legacy_answer("rewrite_creatives", idempotency_key, (creative_set_id, creative_ids), CreativeSet)
        reconcile(self._production, creative_set_id)
        if earlier is not None:
            return earlier
        result = self._production.rewrite_creatives(creative_set_id, creative_ids, strategy, idempotency_key)
        self._synced(creative_set_id)
        return result

    def mark_delivered(self, creative_set_id: CreativeSetId, creative_ids: tuple[CreativeId, ...], idempotency_key: str) -> CreativeSet:
        earlier = legacy_answer("mark_delivered", idempotency_key, (creative_set_id, creative_ids), CreativeSet)
        reconcile(self._production, creative_set_id)
        if earlier is not None:
            return earlier
        result = self._production.mark_delivered(creative_set_id, creative_ids, idempotency_key)
        self._synced(creative_set_id)
        return result

    def record_review(self, creative_set_id: CreativeSetId, reviews: tuple[CreativeReviewMark, ...], idempotency_key: str) -> CreativeSet:
        earlier = legacy_answer("record_review", idempotency_key, (creative_set_id, reviews), CreativeSet)
        reconcile(self._production, creative_set_id)
        if earlier is not None:
            return earlier
        result = self._production.record_review(creative_set_id, reviews, idempotency_key)
        self._synced(creative_set_id)
        return result

    def get_creative_set(self, creative_set_id: CreativeSetId) -> CreativeSet:
        unchanged = reconcile(self._production, creative_set_id)
        return unchanged if unchanged is not None else self._production.get_creative_set(creative_set_id)

    def discard_creatives(self, creative_set_id: CreativeSetId, idempotency_key: str) -> Compensation:
        earlier = legacy_answer("discard_creatives", idempotency_key, str(creative_set_id), Compensation)
        reconcile(self._production, creative_set_id)
        if earlier is not None:
            return earlier
        result = self._production.discard_creatives(creative_set_id, idempotency_key)
        if result.status is not CompensationStatus.NOTHING_TO_COMPENSATE:
            self._synced(creative_set_id)
        return result
