"""The legacy view of delivered packages: with delivery on its new path, keep delivery_packages as legacy wrote it.

The new delivery keeps its packages in its own tables. Legacy's delivery_packages row is
written from the Package DTO, through the legacy session, as `package_delivery` wrote it, so
whatever still reads the old table (and the legacy tables a journey leaves) finds the same
row; a withdrawal marks it as `acl/delivery/withdrawal.py` does. Writing it again from the same
package changes nothing, so a replayed key or a repair is safe.
"""
from __future__ import annotations

import json

from acl._support.legacy_session import legacy_session
from aicmo.delivery.api import DeliveryPort, DeliveryRequest, GateCheck, Package, PackageId
from aicmo.shared.compensation import Compensation, CompensationStatus
from backend.db.models import DeliveryPackageRow

__all__ = ["DeliveryWithLegacyView", "sync_legacy_view"]

MODULE = "delivery"


def _manifest_json(package: Package) -> str:
    # legacy's json.dumps(manifest, sort_keys=True) of {"created_at": isoformat(), "files": [...]}
    manifest = {"created_at": package.manifest.created_at.isoformat(),
                "files": [f.model_dump(mode="json") for f in package.manifest.files]}
    return json.dumps(manifest, sort_keys=True)


def sync_legacy_view(package: Package) -> None:
    """The package's delivery_packages row, made or brought up to date."""
    values = {
        "campaign_id": str(package.client_id), "file_name": package.file_name, "path": package.path,
        "manifest_json": _manifest_json(package), "gate_skipped": package.gate_skipped,
        "status": package.status.value, "created_at": package.created_at,
    }
    with legacy_session(MODULE) as session:
        row = session.get(DeliveryPackageRow, str(package.package_id))
        if row is None:
            session.add(DeliveryPackageRow(id=str(package.package_id), **values))
            return
        for name, value in values.items():
            if name != "created_at" and getattr(row, name) != value:
                setattr(row, name, value)


class DeliveryWithLegacyView:
    """A DeliveryPort that keeps delivery_packages in sync after each change of the port it wraps."""

    def __init__(self, delivery: DeliveryPort) -> None:
        self._delivery = delivery

    def check_gate(self, request: DeliveryRequest) -> GateCheck:
        return self._delivery.check_gate(request)

    def deliver_package(self, request: DeliveryRequest, idempotency_key: str) -> Package:
        package = self._delivery.deliver_package(request, idempotency_key)
        # as the package stands now: a replayed answer must not undo a withdrawal since
        sync_legacy_view(self._delivery.get_package(package.package_id))
        return package

    def get_package(self, package_id: PackageId) -> Package:
        return self._delivery.get_package(package_id)

    def withdraw_package(self, package_id: PackageId, idempotency_key: str) -> Compensation:
        result = self._delivery.withdraw_package(package_id, idempotency_key)
        if result.status is not CompensationStatus.NOTHING_TO_COMPENSATE:
            sync_legacy_view(self._delivery.get_package(package_id))
        return result
