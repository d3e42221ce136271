"""The retention port, implemented by retention's own rules and tables (the new path of the retention route).

Everything an assessment reads comes in its signals (billing's status, reporting's report, the
last proposal, delivery and review facts), built by the orchestration from those modules' ports;
retention calls no other module and reads no other module's table. Legacy's service took the
project row too but read nothing of it but its id, which the signals carry.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Optional

from aicmo.retention.api import AssessmentId, AssessmentNotFound, RetentionAssessment, RetentionSignals
from aicmo.retention.internal.events import raised_by
from aicmo.retention.internal.model import AssessmentRecord, assess
from aicmo.retention.internal.naming import AssessmentNaming
from aicmo.retention.internal.translation import assessment_dto
from aicmo.retention.internal.unit_of_work import RetentionUnitOfWork
from aicmo.shared.clock import Clock
from aicmo.shared.ids import ClientId
from aicmo.shared.persistence.idempotency import value_fingerprint
from aicmo.shared.seeded_uuid import ids_drawn

__all__ = ["RetentionService"]

ASSESS = "assess_retention"


class RetentionService:
    """RetentionPort over retention's unit of work."""

    def __init__(self, unit_of_work: Callable[[], RetentionUnitOfWork], clock: Clock, naming: AssessmentNaming) -> None:
        self._unit_of_work, self._clock, self._naming = unit_of_work, clock, naming

    def assess_retention(self, signals: RetentionSignals, idempotency_key: str) -> RetentionAssessment:
        """L-29..L-31 on the signals; the key makes it one assessment whatever the replays."""
        fingerprint = value_fingerprint(signals)
        now = self._clock.now()
        with self._unit_of_work().for_writing() as uow:
            stored = uow.answers.replay(ASSESS, idempotency_key, fingerprint)
            if stored is not None:
                return RetentionAssessment.model_validate_json(stored)
            record = assess(self._naming(idempotency_key, fingerprint), signals, now)
            uow.assessments.add(record)
            result = assessment_dto(record)
            uow.answers.record(ASSESS, idempotency_key, fingerprint, result.model_dump_json(), ids_drawn(), now)
            for event in raised_by(result):
                uow.outbox.append(event)
            uow.commit()
        return result

    def get_assessment(self, assessment_id: AssessmentId) -> RetentionAssessment:
        record = self.record_of(str(assessment_id))
        if record is None:
            raise AssessmentNotFound(f"assessment {assessment_id} not found", assessment_id=str(assessment_id))
        return assessment_dto(record)

    def latest_assessment(self, client_id: ClientId) -> RetentionAssessment:
        with self._unit_of_work() as uow:
            record = uow.assessments.latest_for(str(client_id))
        if record is None:
            raise AssessmentNotFound(f"client {client_id} was never assessed", client_id=str(client_id))
        return assessment_dto(record)

    # -- for the legacy view (acl/retention/legacy_view_sync.py) -----------------------------

    def record_of(self, assessment_id: str) -> Optional[AssessmentRecord]:
        """The assessment as kept, its figures unrounded: what legacy's row holds."""
        with self._unit_of_work() as uow:
            return uow.assessments.get(assessment_id)
