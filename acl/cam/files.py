"""The input files of `aicmo acquire`, read by the legacy readers and translated to CAM DTOs.

The legacy reading is kept next to the DTOs because two things still need it: the legacy
operator flow (``--legacy-flow``), and the reproducible seed, which is derived from the input
exactly as legacy read it so the ids stay those of the legacy run.
"""
from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional

from acl.cam.translation import campaign_from_legacy, profile_from_legacy
from aicmo.cam.api import AcquisitionCampaign, InboundReply, LeadProfile
from aicmo.domain import LeadSnapshot
from backend.services.cam.campaigns import load_campaign
from backend.services.cam.leads_io import (
    BOOL_COLUMNS,
    LEAD_COLUMNS,
    OPTIONAL_COLUMNS,
    SIZE_BANDS,
    TEXT_COLUMNS,
    LeadFileError,
    _bad,
    _parse_bool,
    _parse_revenue,
    read_leads_csv,
    read_replies_csv,
)

__all__ = [
    "AcquisitionInput", "AcquisitionInputError", "LeadsFile", "LeadsFileChanged", "lead_batches", "leads_file",
    "read_acquisition_input", "read_replies", "validate_campaign",
]


class AcquisitionInputError(ValueError):
    """A leads or replies file the legacy reader refuses; the message names the file, row and column."""


@dataclass(frozen=True)
class AcquisitionInput:
    """The campaign, leads and replies of one acquisition run, as DTOs and as legacy read them."""

    campaign_data: Optional[dict[str, Any]]
    campaign: AcquisitionCampaign
    leads: tuple[LeadProfile, ...]
    replies: tuple[InboundReply, ...]
    legacy_leads: list[LeadSnapshot]
    legacy_replies: list[dict[str, Any]]

    def seed_material(self, batch: bool) -> dict[str, Any]:
        return {
            "campaign": self.campaign_data,
            "leads": [lead.model_dump(mode="json") for lead in self.legacy_leads],
            "replies": self.legacy_replies,
            "batch": batch,
        }


def validate_campaign(data: Optional[dict[str, Any]]) -> AcquisitionCampaign:
    """The campaign file's content (None: the bundled example); pydantic's ValidationError when invalid."""
    return campaign_from_legacy(load_campaign(data))


def read_acquisition_input(campaign_data: Optional[dict[str, Any]], leads_file: Path, replies_file: Optional[Path]) -> AcquisitionInput:
    campaign = validate_campaign(campaign_data)
    try:
        leads = read_leads_csv(leads_file)
        replies = read_replies_csv(replies_file) if replies_file else []
    except LeadFileError as exc:
        raise AcquisitionInputError(str(exc)) from None
    return AcquisitionInput(
        campaign_data=campaign_data,
        campaign=campaign,
        leads=tuple(profile_from_legacy(lead) for lead in leads),
        replies=tuple(InboundReply(email=r["email"], received_at=r["received_at"], body=r["body"]) for r in replies),
        legacy_leads=leads,
        legacy_replies=replies,
    )


class LeadsFileChanged(ValueError):
    """The leads file a run continues from is not the one it started with; bad input."""


@dataclass(frozen=True)
class LeadsFile:
    """A leads file named, not held: where it is, what its bytes hash to, how many leads it has."""

    path: str
    sha256: str
    leads: int


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _profiles(path: Path) -> Iterator[LeadProfile]:
    """The file's leads one by one, each row read and checked exactly as legacy's read_leads_csv does it.

    Row by row rather than legacy's list of every row, so a file of any size is read in constant
    memory; the messages are legacy's, the same file, row and column.
    """
    file = path.name
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c in LEAD_COLUMNS if c not in header]
        if missing:
            raise LeadFileError(f"{file}: missing required columns: {', '.join(missing)}")
        for number, row in enumerate(reader, start=1):
            raw = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
            data: dict[str, Any] = {c: raw.get(c, "") for c in TEXT_COLUMNS}
            data.update({c: raw.get(c) or None for c in OPTIONAL_COLUMNS})
            data.update({c: _parse_bool(file, number, c, raw.get(c, "")) for c in BOOL_COLUMNS})
            data["revenue"] = _parse_revenue(file, number, raw.get("revenue", ""))
            size = raw.get("company_size", "")
            if size and size not in SIZE_BANDS:
                raise _bad(file, number, "company_size", size, f"is not one of {', '.join(SIZE_BANDS)}")
            data["company_size"] = size or None
            yield profile_from_legacy(LeadSnapshot.model_validate(data))


def leads_file(path: Path) -> LeadsFile:
    """The leads file checked whole, in one streaming pass, before anything is written; AcquisitionInputError when bad."""
    try:
        count = sum(1 for _ in _profiles(path))
    except LeadFileError as exc:
        raise AcquisitionInputError(str(exc)) from None
    return LeadsFile(path=str(path.resolve()), sha256=_digest(path), leads=count)


def lead_batches(named: LeadsFile, size: int, start: int = 0) -> Iterator[tuple[LeadProfile, ...]]:
    """The file's leads from ``start`` on, ``size`` at a time; LeadsFileChanged when it is not the file named."""
    path = Path(named.path)
    if not path.is_file() or _digest(path) != named.sha256:
        raise LeadsFileChanged(
            f"{named.path}: the leads file is not the one this run started with (missing or changed since); "
            "put the original file back to continue the run"
        )
    batch: list[LeadProfile] = []
    for number, profile in enumerate(_profiles(path)):
        if number < start:
            continue
        batch.append(profile)
        if len(batch) == size:
            yield tuple(batch)
            batch = []
    if batch:
        yield tuple(batch)


def read_replies(replies_file: Optional[Path]) -> tuple[InboundReply, ...]:
    """The replies file's replies (none without a file); AcquisitionInputError when bad."""
    try:
        replies = read_replies_csv(replies_file) if replies_file else []
    except LeadFileError as exc:
        raise AcquisitionInputError(str(exc)) from None
    return tuple(InboundReply(email=r["email"], received_at=r["received_at"], body=r["body"]) for r in replies)
