"""A creative set's legacy rows: legacy's ``creatives_for``, its SELECT built once.

Legacy builds the statement anew on every call; each port call that touches a set reads its
rows in a session of its own, half a dozen times a journey. The statement here is legacy's
query, column for column and in the same order (by position), with the set's id a bound
parameter: SQLAlchemy's compiled cache answers it at once. It holds no rows: every call reads
the rows as they are in the database now, through the caller's session (its identity map,
its autoflush setting), as legacy's does.
"""
from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from backend.db.models import CreativeAssetRow

__all__ = ["creative_rows"]

_OF_SET = (
    select(CreativeAssetRow)
    .where(CreativeAssetRow.campaign_id == bindparam("set_id"))
    .order_by(CreativeAssetRow.position)
)


def creative_rows(session: Session, creative_set_id: str) -> list[CreativeAssetRow]:
    """The set's rows in position order, as ``backend.services.production.creatives_for`` returns them."""
    return list(session.scalars(_OF_SET, {"set_id": creative_set_id}))
