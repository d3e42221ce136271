"""Delivery translation: request <-> legacy packager inputs, packager result and rows -> Package."""
from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any, Sequence

from acl._support.errors import TranslationError
from acl._support.translate import aware, build
from aicmo.delivery.api import DeliveryRequest, Package
from backend.db.models import DeliveryPackageRow

__all__ = ["gate_stand_ins", "package_from_legacy", "package_from_row", "strategy_stand_in"]


def strategy_stand_in(markdown: str) -> Any:
    """The legacy plan as far as the packager reads it: its markdown."""
    return SimpleNamespace(to_markdown=lambda _brand: markdown)


def gate_stand_ins(request: DeliveryRequest) -> tuple[Any, list[Any]]:
    """The project row and package rows as the legacy gate reads them, from the request alone."""
    reviewed = {str(c.creative_id): c for c in request.review.creatives}
    rows = [
        SimpleNamespace(review_status=reviewed[i].review_status.value if reviewed.get(i) and reviewed[i].review_status else None)
        for i in map(str, request.review.creative_ids)
    ]
    return SimpleNamespace(project_state=request.project_state), rows


def package_from_legacy(legacy: dict[str, Any], client_id: str) -> Package:
    data = {k: v for k, v in legacy.items() if k != "delivery_invoice_id"}
    return build(
        Package,
        {**data, "client_id": client_id, "status": "delivered", "created_at": legacy["manifest"]["created_at"]},
        "legacy delivery",
    )


def package_from_row(row: DeliveryPackageRow, gate_problems: Sequence[str] | None, delivered_ids: Sequence[str]) -> Package:
    if row.gate_skipped and gate_problems is None:
        # the row records that the gate was skipped, not why
        raise TranslationError(f"delivery_packages {row.id}: field 'gate_problems' was not recorded", field="gate_problems")
    manifest = json.loads(row.manifest_json)
    return build(
        Package,
        {
            "package_id": row.id,
            "client_id": row.campaign_id,
            "file_name": row.file_name,
            "path": row.path,
            "manifest": manifest,
            "gate_skipped": row.gate_skipped,
            "gate_problems": tuple(gate_problems or ()),
            "delivered_creative_ids": tuple(delivered_ids),
            "status": row.status,
            "created_at": aware(row.created_at),
        },
        "delivery_packages",
    )
