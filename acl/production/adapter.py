"""ProductionPort over legacy: produce_creatives, produce_calendar, rewrite_caption."""
from __future__ import annotations

from sqlalchemy.orm import Session

from acl._support.creative_rows import creative_rows
from acl._support.idempotency import DurableIdempotency
from acl._support.legacy_session import legacy_session
from acl._support.project_rows import project_row
from acl._support.row_reads import row_by_id
from acl.production.discard import discard_set
from acl.production.translation import calendar_from_legacy, plan_to_legacy, set_from_rows
from aicmo.production.api import (
    ContentCalendar,
    CreativeId,
    CreativeReviewMark,
    CreativeNotInSet,
    CreativeSet,
    CreativeSetId,
    CreativeSetNotFound,
)
from aicmo.shared.compensation import Compensation
from aicmo.strategy.api import Strategy
from backend.db.models import CampaignRow, CreativeAssetRow
from backend.generators.creative_generator import rewrite_caption
from backend.services.production import (
    produce_calendar,
    produce_creatives,
    to_variant,
)

__all__ = ["LegacyProduction"]

MODULE = "production"


def _set_rows(session: Session, creative_set_id: str, creative_ids: tuple[str, ...] = ()) -> list[CreativeAssetRow]:
    rows = creative_rows(session, str(creative_set_id))
    if not rows:
        raise CreativeSetNotFound(f"creative set {creative_set_id} not found", creative_set_id=str(creative_set_id))
    unknown = sorted(set(map(str, creative_ids)) - {row.id for row in rows})
    if unknown:
        raise CreativeNotInSet(f"creatives {unknown} are not in set {creative_set_id}", creative_ids=unknown)
    return rows


def _brand(session: Session, client_id: str) -> str:
    row = row_by_id(session, CampaignRow, client_id)
    return row.name if row is not None else ""


class LegacyProduction:
    """The production port, answered by the legacy generators and creative_assets rows."""

    def __init__(self) -> None:
        self._idempotency = DurableIdempotency(MODULE)

    def produce_creatives(self, strategy: Strategy, idempotency_key: str) -> CreativeSet:
        def run() -> CreativeSet:
            doc = plan_to_legacy(strategy.document)
            with legacy_session(MODULE) as session:
                campaign = project_row(session, strategy.client_id)
                rows = produce_creatives(session, campaign, strategy.brief.model_dump(mode="json"), doc)
                return set_from_rows(campaign.id, strategy.brief.brand_name, rows)

        return self._idempotency.once("produce_creatives", idempotency_key, strategy.strategy_id, run)

    def build_calendar(self, strategy: Strategy) -> ContentCalendar:
        items = produce_calendar(strategy.brief.pack.value, plan_to_legacy(strategy.document))
        return calendar_from_legacy(strategy.strategy_id, items)

    def rewrite_creatives(
        self, creative_set_id: CreativeSetId, creative_ids: tuple[CreativeId, ...], strategy: Strategy, idempotency_key: str
    ) -> CreativeSet:
        def run() -> CreativeSet:
            brief = strategy.brief.model_dump(mode="json")
            with legacy_session(MODULE) as session:
                rows = _set_rows(session, creative_set_id, creative_ids)
                wanted = set(map(str, creative_ids))
                for row in rows:  # in position order, as the operator flow asks the provider
                    if row.id in wanted:
                        row.caption = rewrite_caption(brief, to_variant(row))
                        row.revision += 1
                return set_from_rows(str(creative_set_id), _brand(session, str(creative_set_id)), rows)

        return self._idempotency.once("rewrite_creatives", idempotency_key, (creative_set_id, creative_ids), run)

    def mark_delivered(self, creative_set_id: CreativeSetId, creative_ids: tuple[CreativeId, ...], idempotency_key: str) -> CreativeSet:
        def run() -> CreativeSet:
            with legacy_session(MODULE) as session:
                rows = _set_rows(session, creative_set_id, creative_ids)
                wanted = set(map(str, creative_ids))
                for row in rows:
                    if row.id in wanted:
                        row.status = "DELIVERED"
                return set_from_rows(str(creative_set_id), _brand(session, str(creative_set_id)), rows)

        return self._idempotency.once("mark_delivered", idempotency_key, (creative_set_id, creative_ids), run)

    def record_review(self, creative_set_id: CreativeSetId, reviews: tuple[CreativeReviewMark, ...], idempotency_key: str) -> CreativeSet:
        def run() -> CreativeSet:
            with legacy_session(MODULE) as session:
                rows = _set_rows(session, creative_set_id, tuple(r.creative_id for r in reviews))
                marks = {str(r.creative_id): r for r in reviews}
                for row in rows:
                    mark = marks.get(row.id)
                    # Q-10 as legacy's client review writes them; a row already holding the values is left alone
                    if mark is not None and (row.review_status, row.review_notes, row.review_round) != (
                            mark.review_status, mark.review_notes, mark.review_round):
                        row.review_status, row.review_notes, row.review_round = (
                            mark.review_status, mark.review_notes, mark.review_round)
                return set_from_rows(str(creative_set_id), _brand(session, str(creative_set_id)), rows)

        return self._idempotency.once("record_review", idempotency_key, (creative_set_id, reviews), run)

    def get_creative_set(self, creative_set_id: CreativeSetId) -> CreativeSet:
        with legacy_session(MODULE) as session:
            rows = _set_rows(session, creative_set_id)
            return set_from_rows(str(creative_set_id), _brand(session, str(creative_set_id)), rows)

    def discard_creatives(self, creative_set_id: CreativeSetId, idempotency_key: str) -> Compensation:
        def run() -> Compensation:
            with legacy_session(MODULE) as session:
                return discard_set(session, str(creative_set_id))

        return self._idempotency.once("discard_creatives", idempotency_key, str(creative_set_id), run)
