"""Delivery's domain model: a delivered package as delivery keeps it."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

import attrs

__all__ = ["PackageRecord"]


@attrs.frozen
class PackageRecord:
    """One package: its zip, its manifest (as packed), what the gate found, the creatives packed."""

    package_id: str
    client_id: str
    creative_set_id: str
    file_name: str
    path: str
    manifest_json: str
    gate_skipped: bool
    gate_problems: tuple[str, ...]
    delivered_creative_ids: tuple[str, ...]
    status: str
    created_at: datetime
    withdrawn_by: Optional[str] = None
