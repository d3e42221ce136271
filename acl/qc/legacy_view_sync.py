"""The legacy view of QC results: with qc on its new path, keep creative_assets.qc_* as legacy wrote them.

Legacy readers (the operator flow's summary, anything still reading production's table) expect
QC's result in `creative_assets.qc_score/qc_status/qc_issues` (spec Q-09). The new QC keeps its
results in its own tables, so this sync writes those columns from the QcResult DTO, through
the legacy session, exactly as `backend.services.qc.evaluate_creative` did. It is the one
place left where qc writes production's table: the Q-09 cross-module write, isolated in the
ACL until the last legacy reader of those columns is deleted.
"""
from __future__ import annotations

import json
from typing import Optional

from sqlalchemy import Update, bindparam, or_

from acl._support.legacy_session import legacy_session
from aicmo.production.api import Creative, CreativeSetId
from aicmo.qc.api import (
    CreativeCheck,
    DocumentScore,
    DocumentText,
    QcPort,
    QcRequest,
    QcResult,
    QcResultId,
)
from aicmo.shared.compensation import Compensation
from backend.db.models import CreativeAssetRow

__all__ = ["QcWithLegacyView", "sync_legacy_view"]

MODULE = "qc"


def _issues(check: CreativeCheck) -> str:
    # legacy stored json.dumps of its finding dicts: this key order, ASCII escapes ("clich\u00e9")
    return json.dumps([{"rule": f.rule.value, "severity": f.severity.value, "message": f.message} for f in check.findings])


# the one UPDATE of the view, built where it is used (the ownership check reads the Q-09 write
# there); kept for the process once made
_view_update: Optional[Update] = None


def sync_legacy_view(result: QcResult) -> None:
    """Write each checked creative's score, status and findings onto its creative_assets row."""
    checks = {str(c.creative_id): c for c in result.creatives}  # a repeated creative: the last check, as legacy
    if not checks:
        return
    # one UPDATE per creative, sent as one batch: the rows are not loaded first. A creative with
    # no legacy row has no legacy reader either: its UPDATE matches nothing (a plain executemany,
    # not the ORM's by-primary-key form, which insists that every row exists)
    values = [{"row_id": creative_id, "new_score": check.score, "new_status": check.status.value, "new_issues": _issues(check)}
              for creative_id, check in checks.items()]
    global _view_update
    if _view_update is None:  # made on the first sync, then reused: the statement never changes
        # on the table, not the mapped class: a plain Core executemany, no ORM bulk machinery
        assets = CreativeAssetRow.__table__.c
        score, status, issues = bindparam("new_score"), bindparam("new_status"), bindparam("new_issues")
        _view_update = (
            CreativeAssetRow.__table__.update()
            .where(assets.id == bindparam("row_id"))
            # a row already holding the values is left alone: no write, as when the rows were loaded first
            .where(or_(assets.qc_score.is_distinct_from(score), assets.qc_status.is_distinct_from(status),
                       assets.qc_issues.is_distinct_from(issues)))
            .values(qc_score=score, qc_status=status, qc_issues=issues)
        )
    with legacy_session(MODULE) as session:
        session.execute(_view_update, values)


class QcWithLegacyView:
    """A QcPort that keeps the legacy view in sync after each evaluation of the port it wraps.

    The sync runs after QC's own transaction committed; it only overwrites the columns with
    the result's values, so running it again (a replayed key, a repair from latest_result)
    is safe.
    """

    def __init__(self, qc: QcPort) -> None:
        self._qc = qc

    def evaluate_creative_set(self, request: QcRequest, idempotency_key: str) -> QcResult:
        result = self._qc.evaluate_creative_set(request, idempotency_key)
        sync_legacy_view(result)
        return result

    def check_creative(self, creative: Creative) -> CreativeCheck:
        return self._qc.check_creative(creative)

    def score_document(self, document: DocumentText) -> DocumentScore:
        return self._qc.score_document(document)

    def get_result(self, qc_result_id: QcResultId) -> QcResult:
        return self._qc.get_result(qc_result_id)

    def latest_result(self, creative_set_id: CreativeSetId) -> QcResult:
        return self._qc.latest_result(creative_set_id)

    def void_result(self, qc_result_id: QcResultId, idempotency_key: str) -> Compensation:
        # the legacy view's columns are on production's rows: production's discard_creatives
        # withdraws them with the set, so the view is left as the last evaluation wrote it
        return self._qc.void_result(qc_result_id, idempotency_key)
