"""QcPort over legacy: evaluate_project (which writes qc columns on creative_assets, Q-09)."""
from __future__ import annotations

from datetime import datetime, timezone

from aicmo.shared.ids import derived_id
from acl._support.idempotency import DurableIdempotency
from acl._support.legacy_session import legacy_session
from acl.production.translation import calendar_to_legacy
from acl.qc.translation import (
    check_from_legacy,
    document_score_from_legacy,
    intake_stand_in,
    result_from_legacy,
    strategy_stand_in,
)
from aicmo.production.api import (
    Creative,
    CreativeNotInSet,
    CreativeSetId,
    CreativeSetNotFound,
)
from aicmo.qc.api import (
    CreativeCheck,
    DocumentScore,
    DocumentText,
    QcRequest,
    QcResult,
    QcResultId,
    QcResultNotFound,
)
from aicmo.shared.compensation import Compensation, CompensationStatus
from backend.services import qc_rules
from backend.services.production import creatives_for
from backend.services.qc import evaluate_project

__all__ = ["LegacyQc"]

MODULE = "qc"


class LegacyQc:
    """The QC port, answered by the legacy ruleset v1."""

    def __init__(self) -> None:
        self._idempotency = DurableIdempotency(MODULE)
        # legacy keeps no QC result: only the last scores on the creative rows
        self._results: dict[str, QcResult] = {}
        self._history: dict[str, list[QcResult]] = {}  # per set, oldest first
        self._rounds: dict[str, int] = {}
        self._voided: set[str] = set()

    def evaluate_creative_set(self, request: QcRequest, idempotency_key: str) -> QcResult:
        def run() -> QcResult:
            set_id = str(request.creative_set.creative_set_id)
            wanted = [str(c.creative_id) for c in request.creative_set.creatives]
            with legacy_session(MODULE) as session:
                rows = {row.id: row for row in creatives_for(session, set_id)}
                if not rows:
                    raise CreativeSetNotFound(f"creative set {set_id} not found", creative_set_id=set_id)
                missing = [i for i in wanted if i not in rows]
                if missing:
                    raise CreativeNotInSet(f"creatives {missing} are not in set {set_id}", creative_ids=missing)
                legacy = evaluate_project(
                    session,
                    intake_stand_in(request.missing_intake_fields),
                    strategy_stand_in(request.strategy),
                    [rows[i] for i in wanted],
                    calendar_to_legacy(request.calendar),
                )
                round_number = self._rounds.get(set_id, 0)
                result = result_from_legacy(
                    legacy, derived_id(QcResultId, set_id, round_number), request.client_id, set_id, datetime.now(timezone.utc)
                )
            self._rounds[set_id] = round_number + 1
            self._results[str(result.qc_result_id)] = result
            self._history.setdefault(set_id, []).append(result)
            return result

        return self._idempotency.once("evaluate_creative_set", idempotency_key, request, run)

    def check_creative(self, creative: Creative) -> CreativeCheck:
        findings = qc_rules.creative_findings(creative.hook, creative.caption)
        score = qc_rules.ruleset_score(findings)
        return check_from_legacy({
            "creative_id": creative.creative_id,
            "position": creative.position,
            "platform": creative.platform,
            "pillar_index": creative.pillar_index,
            "score": score,
            "status": qc_rules.ruleset_status(findings),
            "passed": qc_rules.creative_passes(score, findings),
            "findings": findings,
        })

    def score_document(self, document: DocumentText) -> DocumentScore:
        return document_score_from_legacy(qc_rules.score_document(document.text, document.section.value))

    def get_result(self, qc_result_id: QcResultId) -> QcResult:
        result = self._results.get(str(qc_result_id))
        if result is None or str(qc_result_id) in self._voided:
            raise QcResultNotFound(f"QC result {qc_result_id} not found", qc_result_id=str(qc_result_id))
        return result

    def latest_result(self, creative_set_id: CreativeSetId) -> QcResult:
        standing = [r for r in self._history.get(str(creative_set_id), ()) if str(r.qc_result_id) not in self._voided]
        if not standing:
            raise QcResultNotFound(f"creative set {creative_set_id} was never evaluated", creative_set_id=str(creative_set_id))
        return standing[-1]

    def void_result(self, qc_result_id: QcResultId, idempotency_key: str) -> Compensation:
        # Legacy stores no result, only the scores on production's creative rows: this
        # adapter's own record is what it voids; the rows' marks go with production's
        # discard_creatives, the owner of that table.
        def run() -> Compensation:
            target = str(qc_result_id)
            if target not in self._results:
                return Compensation(action="void_result", target_id=target, status=CompensationStatus.NOTHING_TO_COMPENSATE)
            if target in self._voided:
                return Compensation(action="void_result", target_id=target, status=CompensationStatus.ALREADY_COMPENSATED)
            self._voided.add(target)
            return Compensation(action="void_result", target_id=target, status=CompensationStatus.COMPENSATED, undone=(target,))

        return self._idempotency.once("void_result", idempotency_key, str(qc_result_id), run)
