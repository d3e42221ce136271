"""The delivery port, implemented on delivery's own tables (the new path of the delivery route).

Delivery writes only its own tables and the zip. What legacy's packager also wrote into other
modules' tables (Q-12: the creatives DELIVERED, billing's delivery invoice; Q-24: the project
DELIVERED past a skipped gate) is asked of those modules' owners through their ports, after
delivery's own commit, by the composition root (aicmo/orchestration/delivery_effects.py):
delivery depends on neither billing nor onboarding.
"""
from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from typing import Optional

from aicmo.delivery.api import (
    DeliveryGateClosed,
    DeliveryRequest,
    GateCheck,
    Package,
    PackageId,
    PackageNotFound,
    PackageStatus,
)
from aicmo.delivery.internal import settings
from aicmo.delivery.internal.archives import Archives, aside_path
from aicmo.delivery.internal.events import delivered_events
from aicmo.delivery.internal.model import PackageRecord
from aicmo.delivery.internal.packaging import APPROVED, archive_name, build_zip, gate_problems, package_files, review_statuses
from aicmo.delivery.internal.translation import package_dto
from aicmo.delivery.internal.unit_of_work import DeliveryUnitOfWork
from aicmo.production.api import Creative, ProductionPort
from aicmo.shared.clock import Clock
from aicmo.shared.compensation import Compensation, CompensationStatus
from aicmo.shared.persistence.conflicts import serialize_on
from aicmo.shared.persistence.idempotency import request_fingerprint, value_fingerprint
from aicmo.shared.seeded_uuid import ids_drawn

__all__ = ["DeliveryService"]

log = logging.getLogger(__name__)

DELIVER, WITHDRAW = "deliver_package", "withdraw_package"


class DeliveryService:
    """DeliveryPort over delivery's unit of work; production is asked for the creatives as it holds them."""

    def __init__(self, unit_of_work: Callable[[], DeliveryUnitOfWork], clock: Clock, production: ProductionPort,
                 archives: Archives, mint_id: Callable[[str], str], *, warn: bool = True) -> None:
        self._unit_of_work, self._clock, self._production = unit_of_work, clock, production
        self._archives, self._mint_id, self._warn = archives, mint_id, warn

    def check_gate(self, request: DeliveryRequest) -> GateCheck:
        problems = gate_problems(request.project_state, request.review)
        return GateCheck(passed=not problems, problems=tuple(problems))

    def deliver_package(self, request: DeliveryRequest, idempotency_key: str) -> Package:
        fingerprint = request_fingerprint(request)
        with self._unit_of_work() as uow:  # a replay writes no file and asks production nothing
            earlier = uow.answers.replay(DELIVER, idempotency_key, fingerprint)
        if earlier is not None:
            return Package.model_validate_json(earlier)
        client_id = str(request.client_id)
        problems = gate_problems(request.project_state, request.review)
        if problems and settings.gate_enforced():
            raise DeliveryGateClosed("; ".join(problems), problems=problems)
        if problems and self._warn:  # outside E2E mode the gate only warns
            log.warning("delivery gate skipped for %s: %s", request.client_name, "; ".join(problems))
        # production first: no other module's port is called while delivery's transaction is open
        delivered = self._approved_creatives(request)
        now = self._clock.now()
        data, manifest = build_zip(package_files(request.strategy_markdown, delivered, request.calendar), now)
        file_name = archive_name(request.client_name, client_id)
        path = os.path.join(request.out_dir or settings.output_dir(), file_name)
        self._archives.write(path, data)
        record = PackageRecord(
            package_id=self._mint_id(idempotency_key), client_id=client_id,
            creative_set_id=str(request.creative_set.creative_set_id), file_name=file_name, path=path,
            manifest_json=json.dumps(manifest, sort_keys=True), gate_skipped=bool(problems), gate_problems=tuple(problems),
            delivered_creative_ids=tuple(str(c.creative_id) for c in delivered), status=PackageStatus.DELIVERED.value,
            created_at=now,
        )
        package = package_dto(record)
        with self._unit_of_work().for_writing() as uow:
            # the same key racing: the first to commit stands, the second answers as it did
            stored = uow.answers.replay(DELIVER, idempotency_key, fingerprint)
            if stored is not None:
                return Package.model_validate_json(stored)
            uow.packages.add(record)
            uow.answers.record(DELIVER, idempotency_key, fingerprint, package.model_dump_json(), ids_drawn(), now)
            for event in delivered_events(record):
                uow.outbox.append(event)
            uow.commit()
        return package

    def _approved_creatives(self, request: DeliveryRequest) -> list[Creative]:
        """The package's creatives the client approved, as production holds them, in the set's order."""
        produced = self._production.get_creative_set(request.creative_set.creative_set_id)
        wanted = {str(i) for i in request.review.creative_ids}
        statuses = review_statuses(request.review)
        return [c for c in produced.creatives if str(c.creative_id) in wanted and statuses.get(str(c.creative_id)) == APPROVED]

    def get_package(self, package_id: PackageId) -> Package:
        with self._unit_of_work() as uow:
            record = uow.packages.get(str(package_id))
        if record is None:
            raise PackageNotFound(f"package {package_id} not found", package_id=str(package_id))
        return package_dto(record)

    def withdraw_package(self, package_id: PackageId, idempotency_key: str) -> Compensation:
        target = str(package_id)
        fingerprint = value_fingerprint(target)
        with self._unit_of_work().for_writing() as uow:
            serialize_on(uow.session, "delivery.package", target)
            stored = uow.answers.replay(WITHDRAW, idempotency_key, fingerprint)
            if stored is not None:
                return Compensation.model_validate_json(stored)
            result = self._withdraw(uow, target, idempotency_key)
            uow.answers.record(WITHDRAW, idempotency_key, fingerprint, result.model_dump_json(), ids_drawn(), self._clock.now())
            uow.commit()
        return result

    def _withdraw(self, uow: DeliveryUnitOfWork, target: str, idempotency_key: str) -> Compensation:
        """The row first, then the file, then the commit: a crash in between leaves the zip aside and the
        row delivered, and the next withdrawal finds the zip gone, its aside copy there, and finishes the row."""
        record: Optional[PackageRecord] = uow.packages.get(target, for_update=True)
        if record is None:
            return Compensation(action=WITHDRAW, target_id=target, status=CompensationStatus.NOTHING_TO_COMPENSATE)
        if record.status == PackageStatus.WITHDRAWN.value:
            return Compensation(action=WITHDRAW, target_id=target, status=CompensationStatus.ALREADY_COMPENSATED)
        aside = aside_path(record.path, target)
        uow.packages.mark_withdrawn(target, PackageStatus.WITHDRAWN.value, aside, idempotency_key)
        self._archives.move_aside(record.path, aside)
        return Compensation(action=WITHDRAW, target_id=target, status=CompensationStatus.COMPENSATED, undone=(target,))
