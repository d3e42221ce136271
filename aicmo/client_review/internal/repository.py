"""Packages and creative review states in client review's tables."""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Optional

from sqlalchemy import select

from aicmo.client_review.internal.model import Change, CreativeState, Package, Round
from aicmo.client_review.internal.tables import ClientReviewCreativeRow, ClientReviewPackageRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["ReviewRepository"]


def _change_json(change: Change) -> dict[str, str]:
    return {"section": change.section, "change": change.change, "priority": change.priority}


def _rounds_json(rounds: Sequence[Round]) -> str:
    return json.dumps([{
        "round": r.round, "decision": r.decision, "status": r.status, "changes": [_change_json(c) for c in r.changes],
        # a string keeps the hours exactly as computed ("3.0", not 3)
        "revision_hours": None if r.revision_hours is None else str(r.revision_hours),
        "note": r.note, "recorded_at": r.recorded_at.isoformat(),
    } for r in rounds])


def _rounds(text: str) -> tuple[Round, ...]:
    def one(data: dict[str, Any]) -> Round:
        hours = data["revision_hours"]
        return Round(round=data["round"], decision=data["decision"], status=data["status"],
                     changes=tuple(Change(**c) for c in data["changes"]),
                     revision_hours=None if hours is None else Decimal(hours), note=data["note"],
                     recorded_at=datetime.fromisoformat(data["recorded_at"]))

    return tuple(one(data) for data in json.loads(text))


def _package(row: ClientReviewPackageRow) -> Package:
    return Package(review_id=row.id, client_id=row.client_id, creative_set_id=row.creative_set_id,
                   qc_result_id=row.qc_result_id, creative_ids=tuple(json.loads(row.creative_ids)), status=row.status,
                   rounds=_rounds(row.rounds), created_at=row.created_at)


class ReviewRepository:
    """Client review's packages and creatives on one session; the unit of work commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, review_id: str, *, for_update: bool = False) -> Optional[Package]:
        row = self._session.get(ClientReviewPackageRow, review_id, with_for_update=for_update or None)
        return _package(row) if row is not None else None

    def save(self, package: Package) -> None:
        """Insert the package, or replace what is stored under its id (a package sent again starts afresh)."""
        row = self._session.get(ClientReviewPackageRow, package.review_id)
        if row is None:
            row = ClientReviewPackageRow(id=package.review_id)
            self._session.add(row)
        row.client_id, row.creative_set_id, row.qc_result_id = package.client_id, package.creative_set_id, package.qc_result_id
        row.creative_ids = json.dumps(list(package.creative_ids))
        row.status, row.rounds, row.created_at = package.status, _rounds_json(package.rounds), package.created_at
        self._session.flush()

    def creatives(self, creative_ids: Iterable[str]) -> tuple[CreativeState, ...]:
        """Each creative's state in the order asked; a creative never reviewed has none yet."""
        wanted = list(creative_ids)
        rows = self._session.scalars(select(ClientReviewCreativeRow).where(ClientReviewCreativeRow.creative_id.in_(wanted)))
        known = {row.creative_id: CreativeState(row.creative_id, row.review_status, row.review_notes, row.review_round)
                 for row in rows}
        return tuple(known.get(creative_id, CreativeState(creative_id)) for creative_id in wanted)

    def save_creatives(self, states: Iterable[CreativeState]) -> None:
        for state in states:
            row = self._session.get(ClientReviewCreativeRow, state.creative_id)
            if row is None:
                row = ClientReviewCreativeRow(creative_id=state.creative_id)
                self._session.add(row)
            row.review_status, row.review_notes, row.review_round = state.review_status, state.review_notes, state.review_round
        self._session.flush()
