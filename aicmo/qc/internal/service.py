"""The QC port, implemented by QC's own rules and tables (the new path of the qc route)."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.exc import IntegrityError

from aicmo.production.api import Creative, CreativeNotInSet, CreativeSetId, ProductionPort
from aicmo.qc.api import (
    CreativeCheck,
    DocumentScore,
    DocumentText,
    QcRequest,
    QcResult,
    QcResultId,
    QcResultNotFound,
)
from aicmo.qc.internal.evaluate import check_creative, evaluate
from aicmo.qc.internal.events import verdict_event
from aicmo.qc.internal.ids import result_id_for
from aicmo.qc.internal.rules.document_score import score_document
from aicmo.qc.internal.translation import check_dto, document_score_dto, result_dto
from aicmo.qc.internal.unit_of_work import QcUnitOfWork
from aicmo.shared.clock import Clock
from aicmo.shared.compensation import Compensation, CompensationStatus
from aicmo.shared.errors import IdempotencyConflict
from aicmo.shared.persistence.conflicts import is_unique_violation, serialize_on
from aicmo.shared.persistence.idempotency import request_fingerprint

__all__ = ["QcService"]

# attempts of one evaluation that collides on a unique key (see evaluate_creative_set)
_MAX_ATTEMPTS = 3


class QcService:
    """QcPort over QC's unit of work; production is asked through its port for the creatives."""

    def __init__(self, unit_of_work: Callable[[], QcUnitOfWork], clock: Clock, production: ProductionPort) -> None:
        self._unit_of_work, self._clock, self._production = unit_of_work, clock, production

    def evaluate_creative_set(self, request: QcRequest, idempotency_key: str) -> QcResult:
        fingerprint = request_fingerprint(request)
        # production first: no other module's port is called while QC's transaction is open
        creatives = self._creatives_as_produced(request)
        # Two evaluations of one set at once are two rounds, as if they had run one after the
        # other: each call is a new evaluation (legacy numbers every one, and the result id is
        # derived from the round), so neither may be lost or merged into the other. So the
        # evaluations of one set are serialised (serialize_on): the second waits for the first
        # to commit, then counts its round and takes the next, or, under the same idempotency
        # key, replays its result. Merging them by natural key would drop a round legacy
        # records; retrying on the unique key alone can starve a journey that keeps losing the
        # race. The unique keys still stand guard; a collision with a writer that skipped the
        # lock is counted again, a few times, before it is the caller's.
        for attempt in range(1, _MAX_ATTEMPTS + 1):
            try:
                return self._evaluate_once(request, idempotency_key, fingerprint, creatives)
            except IntegrityError as exc:
                if not is_unique_violation(exc) or attempt == _MAX_ATTEMPTS:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def _evaluate_once(self, request: QcRequest, idempotency_key: str, fingerprint: str, creatives: list[Creative]) -> QcResult:
        set_id = str(request.creative_set.creative_set_id)
        with self._unit_of_work().for_writing() as uow:
            serialize_on(uow.session, "qc.creative_set", set_id)
            round_number, earlier = uow.results.rounds_and_earlier(set_id, idempotency_key)
            if earlier is not None:
                if earlier.request_fingerprint != fingerprint:
                    raise IdempotencyConflict(f"evaluate_creative_set: key {idempotency_key!r} was used for another request",
                                              key=idempotency_key)
                return result_dto(earlier.evaluation)
            evaluation = evaluate(
                qc_result_id=result_id_for(set_id, round_number),
                client_id=str(request.client_id),
                creative_set_id=set_id,
                round_number=round_number,
                creatives=creatives,
                calendar=request.calendar,
                strategy=request.strategy,
                missing_intake_fields=request.missing_intake_fields,
                evaluated_at=self._clock.now(),
            )
            uow.results.add(evaluation, idempotency_key, fingerprint)
            uow.outbox.insert(verdict_event(evaluation))
            uow.commit()
        return result_dto(evaluation)

    def _creatives_as_produced(self, request: QcRequest) -> list[Creative]:
        """The requested creatives as production holds them now, in the request's order.

        QC checks what production stores, not a copy the caller may hold from before a rewrite;
        an unknown set is production's CreativeSetNotFound.
        """
        produced = self._production.get_creative_set(request.creative_set.creative_set_id)
        by_id = {str(c.creative_id): c for c in produced.creatives}
        wanted = [str(c.creative_id) for c in request.creative_set.creatives]
        missing = [i for i in wanted if i not in by_id]
        if missing:
            raise CreativeNotInSet(f"creatives {missing} are not in set {produced.creative_set_id}", creative_ids=missing)
        return [by_id[i] for i in wanted]

    def check_creative(self, creative: Creative) -> CreativeCheck:
        return check_dto(check_creative(creative))

    def score_document(self, document: DocumentText) -> DocumentScore:
        return document_score_dto(score_document(document.text, document.section))

    def get_result(self, qc_result_id: QcResultId) -> QcResult:
        with self._unit_of_work() as uow:
            evaluation = uow.results.get(str(qc_result_id))
        if evaluation is None:
            raise QcResultNotFound(f"QC result {qc_result_id} not found", qc_result_id=str(qc_result_id))
        return result_dto(evaluation)

    def latest_result(self, creative_set_id: CreativeSetId) -> QcResult:
        with self._unit_of_work() as uow:
            evaluation = uow.results.latest(str(creative_set_id))
        if evaluation is None:
            raise QcResultNotFound(f"creative set {creative_set_id} was never evaluated", creative_set_id=str(creative_set_id))
        return result_dto(evaluation)

    def void_result(self, qc_result_id: QcResultId, idempotency_key: str) -> Compensation:
        target = str(qc_result_id)
        with self._unit_of_work().for_writing() as uow:
            status = uow.results.void(target, idempotency_key, self._clock.now())
            uow.commit()
        undone = (target,) if status is CompensationStatus.COMPENSATED else ()
        return Compensation(action="void_result", target_id=target, status=status, undone=undone)
