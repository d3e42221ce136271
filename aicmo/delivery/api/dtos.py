"""Delivery's data at the boundary: the request, the gate and the delivered package (spec §6)."""
from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

from pydantic import AwareDatetime, Field, StringConstraints

from aicmo.client_review.api import Review
from aicmo.production.api import ContentCalendar, CreativeId, CreativeSet
from aicmo.shared.dto import ContractModel
from aicmo.shared.ids import ClientId, EntityId

__all__ = [
    "DeliveryRequest",
    "GateCheck",
    "Manifest",
    "ManifestFile",
    "Package",
    "PackageId",
    "PackageStatus",
]

Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class PackageId(EntityId):
    """One delivered package."""


class PackageStatus(str, Enum):
    """A package's status."""

    DELIVERED = "delivered"
    WITHDRAWN = "withdrawn"
    """The journey was compensated: the zip was moved aside (withdraw_package)."""


class DeliveryRequest(ContractModel):
    """Everything a delivery needs; the caller assembles it from the modules that own it."""

    client_id: ClientId
    """The client."""
    client_name: str
    """The project name; the archive is named after it, slugified (L-21), and after the project's id on the new path."""
    project_state: str
    """The project's recorded state; the gate wants QC_APPROVED (L-22). Legacy values pass through."""
    strategy_markdown: str
    """The strategy.md to pack."""
    creative_set: CreativeSet
    """The creatives; those the client approved are packed."""
    calendar: ContentCalendar
    """The calendar, packed as calendar.csv."""
    review: Review
    """The client's review of the package."""
    out_dir: Optional[str] = None
    """Folder for the archive; None means the configured default."""


class GateCheck(ContractModel):
    """Whether delivery may go ahead (L-22)."""

    passed: bool
    """True when nothing stands in the way."""
    problems: tuple[str, ...]
    """What stands in the way, in legacy wording."""


class ManifestFile(ContractModel):
    """One file of the archive."""

    name: str
    """The file name inside the zip."""
    sha256: Sha256Hex
    """Its sha256, lower-case hex."""
    bytes: int = Field(ge=0)
    """Its size."""


class Manifest(ContractModel):
    """The archive's manifest.json (L-21)."""

    created_at: AwareDatetime
    """When the archive was built."""
    files: tuple[ManifestFile, ...]
    """The files before manifest.json, in archive order."""


class Package(ContractModel):
    """A delivered package."""

    package_id: PackageId
    """This package."""
    client_id: ClientId
    """The client."""
    file_name: str
    """The archive's file name: the slugified brand (L-21) and, on the new path, the project's id, plus .zip."""
    path: str
    """Where the archive was written."""
    manifest: Manifest
    """Its manifest."""
    gate_skipped: bool
    """True when the gate found problems and delivery went ahead anyway (Q-11)."""
    gate_problems: tuple[str, ...]
    """The problems the gate found."""
    delivered_creative_ids: tuple[CreativeId, ...]
    """The creatives packed: those the client approved."""
    status: PackageStatus
    """The package's status."""
    created_at: AwareDatetime
    """When it was delivered."""
