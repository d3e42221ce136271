"""DeliveryPort over legacy: gate_problems and package_delivery."""
from __future__ import annotations

from acl._support.creative_rows import creative_rows
from acl._support.idempotency import DurableIdempotency
from acl._support.legacy_session import legacy_session
from acl._support.project_rows import project_from_row
from acl._support.row_reads import row_by_id
from acl.delivery.translation import (
    gate_stand_ins,
    package_from_legacy,
    package_from_row,
    strategy_stand_in,
)
from acl.delivery.withdrawal import withdraw
from acl.production.translation import calendar_to_legacy
from aicmo.delivery.api import (
    DeliveryGateClosed,
    DeliveryRequest,
    GateCheck,
    Package,
    PackageId,
    PackageNotFound,
)
from aicmo.production.api import CreativeSetNotFound
from aicmo.shared.compensation import Compensation
from backend.db.models import CampaignRow, DeliveryPackageRow
from backend.services.delivery import DeliveryGateError, gate_problems, package_delivery

__all__ = ["LegacyDelivery"]

MODULE = "delivery"


class LegacyDelivery:
    """The delivery port, answered by the legacy packager."""

    def __init__(self) -> None:
        self._idempotency = DurableIdempotency(MODULE)
        # the delivery_packages row keeps neither the gate's problems nor the delivered ids
        self._problems: dict[str, tuple[str, ...]] = {}
        self._delivered: dict[str, tuple[str, ...]] = {}

    def check_gate(self, request: DeliveryRequest) -> GateCheck:
        campaign, rows = gate_stand_ins(request)
        problems = gate_problems(campaign, rows)
        return GateCheck(passed=not problems, problems=tuple(problems))

    def deliver_package(self, request: DeliveryRequest, idempotency_key: str) -> Package:
        def run() -> Package:
            client_id = str(request.client_id)
            with legacy_session(MODULE) as session:
                campaign = row_by_id(session, CampaignRow, client_id)
                if campaign is None:
                    raise CreativeSetNotFound(f"no project for client {client_id}", client_id=client_id)
                wanted = set(map(str, request.review.creative_ids))
                rows = [r for r in creative_rows(session, str(request.creative_set.creative_set_id)) if r.id in wanted]
                try:
                    legacy = package_delivery(
                        session,
                        campaign,
                        strategy_stand_in(request.strategy_markdown),
                        rows,
                        calendar_to_legacy(request.calendar),
                        project_from_row(campaign).intake.geography,
                        request.out_dir,
                    )
                except DeliveryGateError as exc:
                    raise DeliveryGateClosed(str(exc), problems=str(exc).split("; ")) from None
                package = package_from_legacy(legacy, client_id)
            self._problems[str(package.package_id)] = package.gate_problems
            self._delivered[str(package.package_id)] = tuple(map(str, package.delivered_creative_ids))
            return package

        return self._idempotency.once("deliver_package", idempotency_key, request, run)

    def get_package(self, package_id: PackageId) -> Package:
        with legacy_session(MODULE) as session:
            row = row_by_id(session, DeliveryPackageRow, str(package_id))
            if row is None:
                raise PackageNotFound(f"package {package_id} not found", package_id=str(package_id))
            delivered = self._delivered.get(row.id)
            if delivered is None:  # a package of an earlier process: the rows marked DELIVERED
                delivered = tuple(r.id for r in creative_rows(session, row.campaign_id) if r.status == "DELIVERED")
            return package_from_row(row, self._problems.get(row.id), delivered)

    def withdraw_package(self, package_id: PackageId, idempotency_key: str) -> Compensation:
        def run() -> Compensation:
            with legacy_session(MODULE) as session:
                return withdraw(session, str(package_id))

        return self._idempotency.once("withdraw_package", idempotency_key, str(package_id), run)
