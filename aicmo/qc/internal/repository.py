"""Evaluations in QC's tables: stored once, read back whole, by id, by set or by idempotency key."""
from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any, Optional

import attrs
from sqlalchemy import bindparam, insert, or_, select

from aicmo.qc.api import Deduction, DocumentSection, FindingRule, Severity
from aicmo.qc.internal.model import CalendarCheck, CreativeCheck, DocumentScore, Evaluation, Finding
from aicmo.qc.internal.tables import QcCreativeCheckRow, QcResultRow
from aicmo.shared.compensation import CompensationStatus

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["QcResultRepository", "StoredEvaluation"]

# The statements of every evaluation, made once: on the tables, not the mapped classes, so the
# session runs them as Core statements (its ownership hook still sees each one) without the
# ORM's bulk-insert and entity-loading machinery, and SQLAlchemy's compiled cache finds them by
# a key it does not rebuild from a new statement every call.
_RESULTS, _CHECKS = QcResultRow.__table__, QcCreativeCheckRow.__table__
_INSERT_RESULT = insert(_RESULTS)
_INSERT_CHECKS = insert(_CHECKS)
# the set's results and the key's (its key is unique), by id only: one indexed query for both
_ROUNDS_AND_KEY = select(_RESULTS.c.creative_set_id, _RESULTS.c.idempotency_key).where(
    or_(_RESULTS.c.creative_set_id == bindparam("set_id"), _RESULTS.c.idempotency_key == bindparam("key")))


def _findings_json(findings: tuple[Finding, ...]) -> str:
    return json.dumps([{"rule": f.rule.value, "severity": f.severity.value, "message": f.message} for f in findings])


def _findings(text: str) -> tuple[Finding, ...]:
    return tuple(Finding(FindingRule(f["rule"]), Severity(f["severity"]), f["message"]) for f in json.loads(text))


def _documents_json(documents: dict[DocumentSection, DocumentScore]) -> str:
    return json.dumps({
        section.value: {
            "word_count": score.word_count,
            "placeholders": score.placeholders,
            "cliches": list(score.cliches),
            # a list keeps the order the deductions were taken in
            "deductions": [[d.value, points] for d, points in score.deductions.items()],
        }
        for section, score in documents.items()
    })


def _documents(text: str) -> dict[DocumentSection, DocumentScore]:
    def score(section: str, data: dict[str, Any]) -> DocumentScore:
        return DocumentScore(
            section=DocumentSection(section),
            word_count=data["word_count"],
            placeholders=data["placeholders"],
            cliches=tuple(data["cliches"]),
            deductions={Deduction(d): points for d, points in data["deductions"]},
        )

    return {DocumentSection(section): score(section, data) for section, data in json.loads(text).items()}


@attrs.frozen
class StoredEvaluation:
    """An evaluation as stored, with the fingerprint of the request that made it."""

    evaluation: Evaluation
    request_fingerprint: str


class QcResultRepository:
    """QC's evaluations on one session; the unit of work commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, evaluation: Evaluation, idempotency_key: str, request_fingerprint: str) -> None:
        # Two batched INSERTs, the result first: its checks refer to it, and a database that
        # enforces foreign keys (PostgreSQL; SQLite as the kit opens it) refuses them before it.
        # An evaluation is written once and changed only by void(), which reads its row, so
        # neither needs a place in the session's unit of work.
        self._session.execute(_INSERT_RESULT, {
            "id": evaluation.qc_result_id,
            "client_id": evaluation.client_id,
            "creative_set_id": evaluation.creative_set_id,
            "round_number": evaluation.round_number,
            "ruleset": "v1",
            "verdict": evaluation.verdict.value,
            "duplicate_hook_share": evaluation.calendar.duplicate_hook_share,
            "calendar_findings": _findings_json(evaluation.calendar.findings),
            "documents": _documents_json(evaluation.documents),
            "intake_findings": _findings_json(evaluation.intake_findings),
            "evaluated_at": evaluation.evaluated_at,
            "idempotency_key": idempotency_key,
            "request_fingerprint": request_fingerprint,
        })
        checks = [
            {"qc_result_id": evaluation.qc_result_id, "ordinal": ordinal, "position": check.position,
             "creative_id": check.creative_id, "platform": check.platform, "pillar_index": check.pillar_index,
             "findings": _findings_json(check.findings)}
            for ordinal, check in enumerate(evaluation.creatives)
        ]
        if checks:
            self._session.execute(_INSERT_CHECKS, checks)

    def get(self, qc_result_id: str) -> Optional[Evaluation]:
        row = self._session.get(QcResultRow, qc_result_id)
        return self._evaluation(row) if row is not None and row.voided_at is None else None

    def latest(self, creative_set_id: str) -> Optional[Evaluation]:
        """The newest evaluation that was not voided."""
        query = select(QcResultRow).where(QcResultRow.creative_set_id == creative_set_id, QcResultRow.voided_at.is_(None))
        row = self._session.scalars(query.order_by(QcResultRow.round_number.desc()).limit(1)).first()
        return self._evaluation(row) if row is not None else None

    def void(self, qc_result_id: str, idempotency_key: str, at: datetime) -> CompensationStatus:
        """Void an evaluation once; the row is locked (PostgreSQL) so two voidings run one after the other."""
        row = self._session.get(QcResultRow, qc_result_id, with_for_update=True)
        if row is None:
            return CompensationStatus.NOTHING_TO_COMPENSATE
        if row.voided_at is not None:
            # the same key again is a replay of the call that voided it, and answers the same
            same_call = row.voided_by == idempotency_key
            return CompensationStatus.COMPENSATED if same_call else CompensationStatus.ALREADY_COMPENSATED
        row.voided_at, row.voided_by = at, idempotency_key
        self._session.flush()
        return CompensationStatus.COMPENSATED

    def rounds_and_earlier(self, creative_set_id: str, idempotency_key: str) -> tuple[int, Optional[StoredEvaluation]]:
        """How many times the set was evaluated (the next round's number), and the evaluation the key made, if any.

        One indexed query for both: the set's results and the key's (its key is unique), by id
        only; the key's evaluation is read whole only when there is one (a replay).
        """
        rows = self._session.execute(_ROUNDS_AND_KEY, {"set_id": creative_set_id, "key": idempotency_key}).all()
        rounds = sum(1 for row in rows if row.creative_set_id == creative_set_id)
        keyed = any(row.idempotency_key == idempotency_key for row in rows)
        return rounds, self.by_idempotency_key(idempotency_key) if keyed else None

    def by_idempotency_key(self, idempotency_key: str) -> Optional[StoredEvaluation]:
        row = self._session.scalars(select(QcResultRow).where(QcResultRow.idempotency_key == idempotency_key)).first()
        return StoredEvaluation(self._evaluation(row), row.request_fingerprint) if row is not None else None

    def _evaluation(self, row: QcResultRow) -> Evaluation:
        checks = self._session.scalars(
            select(QcCreativeCheckRow).where(QcCreativeCheckRow.qc_result_id == row.id).order_by(QcCreativeCheckRow.ordinal)
        )
        return Evaluation(
            qc_result_id=row.id,
            client_id=row.client_id,
            creative_set_id=row.creative_set_id,
            round_number=row.round_number,
            creatives=tuple(
                CreativeCheck(creative_id=c.creative_id, position=c.position, platform=c.platform,
                              pillar_index=c.pillar_index, findings=_findings(c.findings))
                for c in checks
            ),
            calendar=CalendarCheck(duplicate_hook_share=row.duplicate_hook_share, findings=_findings(row.calendar_findings)),
            documents=_documents(row.documents),
            intake_findings=_findings(row.intake_findings),
            evaluated_at=row.evaluated_at,
        )
