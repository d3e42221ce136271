"""Packages in delivery's tables: stored once, read back whole, marked withdrawn."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Optional

from aicmo.delivery.internal.model import PackageRecord
from aicmo.delivery.internal.tables import DeliveryPackageRecordRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["PackageRepository"]


def _record(row: DeliveryPackageRecordRow) -> PackageRecord:
    return PackageRecord(
        package_id=row.id, client_id=row.client_id, creative_set_id=row.creative_set_id, file_name=row.file_name,
        path=row.path, manifest_json=row.manifest_json, gate_skipped=row.gate_skipped,
        gate_problems=tuple(json.loads(row.gate_problems)), delivered_creative_ids=tuple(json.loads(row.delivered_creative_ids)),
        status=row.status, created_at=row.created_at, withdrawn_by=row.withdrawn_by,
    )


class PackageRepository:
    """Delivery's packages on one session; the unit of work commits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, package: PackageRecord) -> None:
        self._session.add(DeliveryPackageRecordRow(
            id=package.package_id, client_id=package.client_id, creative_set_id=package.creative_set_id,
            file_name=package.file_name, path=package.path, manifest_json=package.manifest_json,
            gate_skipped=package.gate_skipped, gate_problems=json.dumps(list(package.gate_problems)),
            delivered_creative_ids=json.dumps(list(package.delivered_creative_ids)), status=package.status,
            created_at=package.created_at, withdrawn_by=package.withdrawn_by,
        ))
        self._session.flush()

    def get(self, package_id: str, *, for_update: bool = False) -> Optional[PackageRecord]:
        row = self._session.get(DeliveryPackageRecordRow, package_id, with_for_update=for_update)
        return _record(row) if row is not None else None

    def mark_withdrawn(self, package_id: str, status: str, path: str, idempotency_key: str) -> None:
        row = self._session.get(DeliveryPackageRecordRow, package_id)
        assert row is not None, f"package {package_id} vanished"
        row.status, row.path, row.withdrawn_by = status, path, idempotency_key
        self._session.flush()
