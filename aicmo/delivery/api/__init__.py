"""Delivery's public contract: the only thing other modules, the ACL and the orchestration may import.

Raise the major of CONTRACT_VERSION with any breaking change; `aicmo contracts check` enforces it.
"""
from __future__ import annotations

from aicmo.delivery.api.dtos import (
    DeliveryRequest,
    GateCheck,
    Manifest,
    ManifestFile,
    Package,
    PackageId,
    PackageStatus,
)
from aicmo.delivery.api.errors import (
    DeliveryGateClosed,
    PackageNotFound,
)
from aicmo.delivery.api.events import (
    DeliveryGateBypassed,
    PackageDelivered,
)
from aicmo.delivery.api.ports import (
    DeliveryPort,
)

CONTRACT_VERSION = "1.1.0"

__all__ = [
    "CONTRACT_VERSION",
    "DeliveryGateBypassed",
    "DeliveryGateClosed",
    "DeliveryPort",
    "DeliveryRequest",
    "GateCheck",
    "Manifest",
    "ManifestFile",
    "Package",
    "PackageDelivered",
    "PackageId",
    "PackageNotFound",
    "PackageStatus",
]
