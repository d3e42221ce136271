"""Delivery's records as the contract DTOs of aicmo.delivery.api."""
from __future__ import annotations

import json

from aicmo.delivery.api import Package
from aicmo.delivery.internal.model import PackageRecord

__all__ = ["package_dto"]


def package_dto(record: PackageRecord) -> Package:
    return Package.model_validate({
        "package_id": record.package_id,
        "client_id": record.client_id,
        "file_name": record.file_name,
        "path": record.path,
        "manifest": json.loads(record.manifest_json),
        "gate_skipped": record.gate_skipped,
        "gate_problems": record.gate_problems,
        "delivered_creative_ids": record.delivered_creative_ids,
        "status": record.status,
        "created_at": record.created_at,
    })
