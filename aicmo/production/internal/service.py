"""The production port, implemented by production's own rules and tables (the new path of the production route)."""
from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Optional, TypeVar

from pydantic import BaseModel

from aicmo.production.api import (
    ContentCalendar,
    CreativeId,
    CreativeReviewMark,
    CreativeNotInSet,
    CreativeSet,
    CreativeSetId,
    CreativeSetNotFound,
    CreativeStatus,
)
from aicmo.production.internal import events
from aicmo.production.internal.legacy_writes import LegacySet, LegacyStatusWrite, ViewState
from aicmo.production.internal.model import CreativeRecord, CreativeSetRecord
from aicmo.production.internal.rules.calendar import calendar_for
from aicmo.production.internal.rules.creatives import CaptionRequest, creative_drafts, or_fallback, rewrite_request
from aicmo.production.internal.tables import ProductionInboxRow
from aicmo.production.internal.translation import calendar_dto, set_dto
from aicmo.production.internal.unit_of_work import ProductionUnitOfWork
from aicmo.shared.clock import Clock
from aicmo.shared.compensation import Compensation, CompensationStatus
from aicmo.shared.persistence.conflicts import serialize_on
from aicmo.shared.persistence.idempotency import value_fingerprint
from aicmo.shared.seeded_uuid import ids_drawn
from aicmo.shared.text_generation import TextGenerator
from aicmo.strategy.api import Strategy

__all__ = ["ProductionService"]

A = TypeVar("A", bound=BaseModel)

# the inbox's name for the legacy writes production absorbs from its legacy view
LEGACY_VIEW_SUBSCRIBER = "production.legacy_view"
DISCARD = "discard_creatives"


class ProductionService:
    """ProductionPort over production's unit of work; captions are asked of the text generator."""

    def __init__(self, unit_of_work: Callable[[], ProductionUnitOfWork], clock: Clock, text: TextGenerator) -> None:
        self._unit_of_work, self._clock, self._text = unit_of_work, clock, text

    # -- commands -------------------------------------------------------------------------

    def produce_creatives(self, strategy: Strategy, idempotency_key: str) -> CreativeSet:
        method, set_id = "produce_creatives", str(strategy.client_id)  # one set per client, as on legacy
        fingerprint = value_fingerprint(strategy.strategy_id)  # what the legacy adapter keys the request by
        earlier = self._earlier(method, idempotency_key, fingerprint, CreativeSet)
        if earlier is not None:
            return earlier
        brief = strategy.brief.model_dump(mode="json")
        drafts = creative_drafts(brief, [p.model_dump(mode="json") for p in strategy.document.pillars])
        # the provider is asked before the unit of work opens: no transaction waits on it
        captions = [self._ask(d.caption_request, brief["brand_name"], d.pillar_name, d.cta) for d in drafts]
        now = self._clock.now()
        # legacy mints one uuid4 per creative, in position order, after the captions: the same draws
        ids = [str(uuid.uuid4()) for _ in drafts]
        with self._unit_of_work().for_writing() as uow:
            serialize_on(uow.session, "production.creative_set", set_id)
            replay = self._replay(uow, method, idempotency_key, fingerprint, CreativeSet)
            if replay is not None:
                return replay
            first = uow.sets.next_ordinal(set_id)
            records = [
                CreativeRecord(creative_id=creative_id, ordinal=first + position, position=position, platform=d.platform,
                               format=d.format, pillar_index=d.pillar_index, pillar_name=d.pillar_name, hook=d.hook,
                               caption=caption, cta=d.cta, tone=d.tone, status=CreativeStatus.DRAFT.value, revision=0,
                               created_at=now)
                for position, (creative_id, d, caption) in enumerate(zip(ids, drafts, captions))
            ]
            uow.sets.add_creatives(set_id, set_id, str(strategy.strategy_id), strategy.brief.brand_name, records, now)
            stored = uow.sets.get(set_id)
            assert stored is not None
            # the answer holds the creatives just produced, as legacy's does
            result = set_dto(stored, records)
            uow.answers.record(method, idempotency_key, fingerprint, result.model_dump_json(), ids_drawn(), now)
            uow.outbox.append(events.produced(set_id, set_id, str(strategy.strategy_id), ids, idempotency_key, now))
            uow.commit()
        return result

    def rewrite_creatives(self, creative_set_id: CreativeSetId, creative_ids: tuple[CreativeId, ...], strategy: Strategy,
                          idempotency_key: str) -> CreativeSet:
        method, set_id, wanted = "rewrite_creatives", str(creative_set_id), tuple(map(str, creative_ids))
        fingerprint = value_fingerprint((creative_set_id, creative_ids))
        earlier = self._earlier(method, idempotency_key, fingerprint, CreativeSet)
        if earlier is not None:
            return earlier
        before = self._existing(set_id, wanted)
        brief = strategy.brief.model_dump(mode="json")
        # in position order, as the operator flow asks the provider; before the unit of work opens
        chosen = [c for c in before.creatives if c.creative_id in wanted]
        captions = {c.creative_id: self._ask(rewrite_request(brief, c.platform, c.pillar_name, c.cta, c.caption),
                                             brief["brand_name"], c.pillar_name, c.cta)
                    for c in chosen}
        now = self._clock.now()
        with self._unit_of_work().for_writing() as uow:
            serialize_on(uow.session, "production.creative_set", set_id)
            replay = self._replay(uow, method, idempotency_key, fingerprint, CreativeSet)
            if replay is not None:
                return replay
            current = self._existing_in(uow, set_id, wanted)
            # the captions the provider gave for what it was shown; two rewrites of one creative under
            # different keys are serialised here, each raising the revision, the later caption kept
            changed = [c.rewritten(captions[c.creative_id]) for c in current.creatives if c.creative_id in captions]
            uow.sets.update(changed)
            stored = uow.sets.get(set_id)
            assert stored is not None
            result = set_dto(stored)
            uow.answers.record(method, idempotency_key, fingerprint, result.model_dump_json(), ids_drawn(), now)
            uow.outbox.append(events.rewritten(set_id, stored.client_id, [c.creative_id for c in changed], idempotency_key, now))
            uow.commit()
        return result

    def mark_delivered(self, creative_set_id: CreativeSetId, creative_ids: tuple[CreativeId, ...], idempotency_key: str) -> CreativeSet:
        method, set_id, wanted = "mark_delivered", str(creative_set_id), tuple(map(str, creative_ids))
        fingerprint = value_fingerprint((creative_set_id, creative_ids))
        now = self._clock.now()
        with self._unit_of_work().for_writing() as uow:
            serialize_on(uow.session, "production.creative_set", set_id)
            replay = self._replay(uow, method, idempotency_key, fingerprint, CreativeSet)
            if replay is not None:
                return replay
            current = self._existing_in(uow, set_id, wanted)
            chosen = [c for c in current.creatives if c.creative_id in wanted]
            uow.sets.update([c.with_status(CreativeStatus.DELIVERED.value) for c in chosen])
            stored = uow.sets.get(set_id)
            assert stored is not None
            result = set_dto(stored)
            uow.answers.record(method, idempotency_key, fingerprint, result.model_dump_json(), ids_drawn(), now)
            uow.outbox.append(events.delivered(set_id, stored.client_id, [c.creative_id for c in chosen], idempotency_key, now))
            uow.commit()
        return result

    def record_review(self, creative_set_id: CreativeSetId, reviews: tuple[CreativeReviewMark, ...], idempotency_key: str) -> CreativeSet:
        method, set_id = "record_review", str(creative_set_id)
        marks = {str(r.creative_id): r for r in reviews}
        fingerprint = value_fingerprint((creative_set_id, reviews))
        now = self._clock.now()
        with self._unit_of_work().for_writing() as uow:
            serialize_on(uow.session, "production.creative_set", set_id)
            replay = self._replay(uow, method, idempotency_key, fingerprint, CreativeSet)
            if replay is not None:
                return replay
            current = self._existing_in(uow, set_id, tuple(marks))
            uow.sets.update([c.reviewed(marks[c.creative_id].review_status, marks[c.creative_id].review_notes,
                                        marks[c.creative_id].review_round)
                             for c in current.creatives if c.creative_id in marks])
            stored = uow.sets.get(set_id)
            assert stored is not None
            result = set_dto(stored)
            uow.answers.record(method, idempotency_key, fingerprint, result.model_dump_json(), ids_drawn(), now)
            uow.commit()
        return result

    def discard_creatives(self, creative_set_id: CreativeSetId, idempotency_key: str) -> Compensation:
        set_id = str(creative_set_id)
        fingerprint = value_fingerprint(set_id)
        now = self._clock.now()
        with self._unit_of_work().for_writing() as uow:
            serialize_on(uow.session, "production.creative_set", set_id)
            replay = self._replay(uow, DISCARD, idempotency_key, fingerprint, Compensation)
            if replay is not None:
                return replay
            current = uow.sets.get(set_id, for_update=True)
            live = [c for c in current.creatives if c.status != CreativeStatus.DISCARDED.value] if current else []
            if current is None or not current.creatives:
                result = Compensation(action=DISCARD, target_id=set_id, status=CompensationStatus.NOTHING_TO_COMPENSATE)
            elif not live:
                result = Compensation(action=DISCARD, target_id=set_id, status=CompensationStatus.ALREADY_COMPENSATED)
            else:
                uow.sets.update([c.with_status(CreativeStatus.DISCARDED.value) for c in live])
                result = Compensation(action=DISCARD, target_id=set_id, status=CompensationStatus.COMPENSATED,
                                      undone=tuple(c.creative_id for c in live))
            uow.answers.record(DISCARD, idempotency_key, fingerprint, result.model_dump_json(), ids_drawn(), now)
            uow.commit()
        return result

    # -- queries --------------------------------------------------------------------------

    def build_calendar(self, strategy: Strategy) -> ContentCalendar:
        # the clock's UTC date (see divergences: legacy takes the process's local date)
        days = calendar_for(strategy.brief.pack.value, [p.name for p in strategy.document.pillars], self._clock.now().date())
        return calendar_dto(str(strategy.strategy_id), days)

    def get_creative_set(self, creative_set_id: CreativeSetId) -> CreativeSet:
        return set_dto(self._existing(str(creative_set_id), ()))

    # -- the legacy view's side door (acl/production/legacy_view_sync.py) -------------------

    def view_state(self, creative_set_id: CreativeSetId) -> Optional[ViewState]:
        """The set's creatives with their status history; None for a set production never made."""
        return self.view_state_and_set(creative_set_id)[0]

    def view_state_and_set(self, creative_set_id: CreativeSetId) -> tuple[Optional[ViewState], Optional[CreativeSet]]:
        """The view state and the set as get_creative_set answers it, from one read.

        (None, None) for a set production never made; the set is None when get_creative_set
        would raise (a set without creatives).
        """
        with self._unit_of_work() as uow:
            stored = uow.sets.get(str(creative_set_id))
        if stored is None:
            return None, None
        return ViewState(stored.creative_set_id, stored.client_id, stored.creatives), set_dto(stored) if stored.creatives else None

    def absorb_legacy_writes(self, creative_set_id: CreativeSetId, writes: Sequence[LegacyStatusWrite]) -> None:
        """Apply statuses legacy writers put on the view, each once, as production's own change."""
        set_id = str(creative_set_id)
        now = self._clock.now()
        with self._unit_of_work().for_writing() as uow:
            serialize_on(uow.session, "production.creative_set", set_id)
            current = uow.sets.get(set_id, for_update=True)
            if current is None:
                return
            by_id = {c.creative_id: c for c in current.creatives}
            applied = []
            for write in writes:
                creative = by_id.get(write.creative_id)
                message = str(write.message_id)
                if creative is None or uow.session.get(ProductionInboxRow, (LEGACY_VIEW_SUBSCRIBER, message)) is not None:
                    continue
                if creative.status_changes != write.seen_after_change:
                    continue  # production changed the creative since the view was read: that write is stale
                uow.session.add(ProductionInboxRow(subscriber=LEGACY_VIEW_SUBSCRIBER, event_id=message, received_at=now))
                applied.append(creative.with_status(write.status))
            uow.sets.update(applied)
            delivered = [c.creative_id for c in applied if c.status == CreativeStatus.DELIVERED.value]
            if delivered:
                cause = "legacy-view:" + ",".join(str(w.message_id) for w in writes)
                uow.outbox.append(events.delivered(set_id, current.client_id, delivered, cause, now))
            uow.commit()

    def adopt_legacy_set(self, legacy: LegacySet) -> None:
        """Take over a set legacy produced (before production's route changed): its creatives as they stand, once."""
        message = str(legacy.message_id)
        with self._unit_of_work().for_writing() as uow:
            serialize_on(uow.session, "production.creative_set", legacy.creative_set_id)
            known = uow.sets.get(legacy.creative_set_id)
            if known is not None or uow.session.get(ProductionInboxRow, (LEGACY_VIEW_SUBSCRIBER, message)) is not None:
                return
            now = self._clock.now()
            uow.session.add(ProductionInboxRow(subscriber=LEGACY_VIEW_SUBSCRIBER, event_id=message, received_at=now))
            # no event: the creatives were produced long ago, on legacy, which raised none
            uow.sets.add_creatives(legacy.creative_set_id, legacy.client_id, legacy.strategy_id, legacy.brand_name,
                                   list(legacy.creatives), min((c.created_at for c in legacy.creatives), default=now))
            uow.commit()

    # -- helpers --------------------------------------------------------------------------

    def _ask(self, request: CaptionRequest, brand_name: str, pillar_name: str, cta: str) -> str:
        caption = self._text.complete(request.task, request.prompt, request.context)
        return or_fallback(caption, brand_name, pillar_name, cta)

    def _earlier(self, method: str, idempotency_key: str, fingerprint: str, answer: type[A]) -> Optional[A]:
        """A replay, looked up before the provider is asked (a replay asks it nothing, as on legacy)."""
        with self._unit_of_work() as uow:
            return self._replay(uow, method, idempotency_key, fingerprint, answer)

    @staticmethod
    def _replay(uow: ProductionUnitOfWork, method: str, idempotency_key: str, fingerprint: str, answer: type[A]) -> Optional[A]:
        stored = uow.answers.replay(method, idempotency_key, fingerprint)
        return answer.model_validate_json(stored) if stored is not None else None

    def _existing(self, set_id: str, wanted: Sequence[str]) -> CreativeSetRecord:
        with self._unit_of_work() as uow:
            return self._existing_in(uow, set_id, wanted)

    @staticmethod
    def _existing_in(uow: ProductionUnitOfWork, set_id: str, wanted: Sequence[str]) -> CreativeSetRecord:
        stored = uow.sets.get(set_id)
        if stored is None or not stored.creatives:
            raise CreativeSetNotFound(f"creative set {set_id} not found", creative_set_id=set_id)
        unknown = stored.unknown(tuple(wanted))
        if unknown:
            raise CreativeNotInSet(f"creatives {unknown} are not in set {set_id}", creative_ids=unknown)
        return stored
