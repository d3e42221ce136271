"""Leads in and out: the leads and replies CSV files, and lead rows <-> LeadSnapshot."""
from __future__ import annotations

import csv
import math
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional

from sqlalchemy.orm import Session

from aicmo.domain import LeadSnapshot
from backend.db.models import LeadRow

# The company_size bands, in order: band distance (L-32) is the index difference.
SIZE_BANDS = ["1-10", "11-50", "51-200", "201-1000", "1000+"]
LEAD_COLUMNS = [
    "name", "email", "company", "title", "company_size", "industry", "revenue", "country",
    "region", "job_change", "funded", "hiring", "recent_activity", "decision_maker",
    "budget_authority", "budget", "timeline", "pain_points",
]
BOOL_COLUMNS = ["job_change", "funded", "hiring", "recent_activity", "decision_maker", "budget_authority"]
TEXT_COLUMNS = ["name", "email", "company", "title"]  # empty stays ""
OPTIONAL_COLUMNS = ["industry", "country", "region", "budget", "timeline", "pain_points"]  # empty -> None
REPLY_COLUMNS = ["email", "received_at", "body"]
TRUE_VALUES = {"true", "yes", "1"}
FALSE_VALUES = {"false", "no", "0", ""}


class LeadFileError(ValueError):
    """A leads or replies file that cannot be read; the message names file, row and column."""


def _rows(path: str | Path, required: list[str]) -> tuple[str, list[dict[str, str]]]:
    name = Path(path).name
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c in required if c not in header]
        if missing:
            raise LeadFileError(f"{name}: missing required columns: {', '.join(missing)}")
        rows = [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in reader]
    return name, rows


def _bad(file: str, row: int, column: str, value: str, problem: str) -> LeadFileError:
    return LeadFileError(f"{file} row {row}, column {column}: {value!r} {problem}")


def _parse_bool(file: str, row: int, column: str, value: str) -> bool:
    lowered = value.lower()
    if lowered in TRUE_VALUES:
        return True
    if lowered in FALSE_VALUES:
        return False
    raise _bad(file, row, column, value, "is not true/false/yes/no/1/0")


def _parse_revenue(file: str, row: int, value: str) -> Optional[float]:
    if value == "":
        return None
    try:
        revenue = float(value)
    except ValueError:
        raise _bad(file, row, "revenue", value, "is not a number") from None
    if not math.isfinite(revenue):
        raise _bad(file, row, "revenue", value, "is not a number")
    return revenue


def read_leads_csv(path: str | Path) -> list[LeadSnapshot]:
    """Leads in file order; any bad cell raises LeadFileError (1-based data row)."""
    file, rows = _rows(path, LEAD_COLUMNS)
    leads = []
    for number, raw in enumerate(rows, start=1):
        data: dict[str, Any] = {c: raw.get(c, "") for c in TEXT_COLUMNS}
        data.update({c: raw.get(c) or None for c in OPTIONAL_COLUMNS})
        data.update({c: _parse_bool(file, number, c, raw.get(c, "")) for c in BOOL_COLUMNS})
        data["revenue"] = _parse_revenue(file, number, raw.get("revenue", ""))
        size = raw.get("company_size", "")
        if size and size not in SIZE_BANDS:
            raise _bad(file, number, "company_size", size, f"is not one of {', '.join(SIZE_BANDS)}")
        data["company_size"] = size or None
        leads.append(LeadSnapshot.model_validate(data))
    return leads


def _parse_received_at(file: str, row: int, value: str) -> datetime:
    try:
        received = datetime.fromisoformat(value)
    except ValueError:
        raise _bad(file, row, "received_at", value, "is not an ISO date-time") from None
    if received.tzinfo is None:
        received = received.replace(tzinfo=timezone.utc)  # the files are written in UTC
    return received


def read_replies_csv(path: str | Path) -> list[dict[str, Any]]:
    """Replies in file order: {"email", "received_at" (aware datetime), "body"}."""
    file, rows = _rows(path, REPLY_COLUMNS)
    replies = []
    for number, raw in enumerate(rows, start=1):
        if not raw.get("email"):
            raise _bad(file, number, "email", "", "is empty")
        replies.append(
            {
                "email": raw["email"],
                "received_at": _parse_received_at(file, number, raw.get("received_at", "")),
                "body": raw.get("body", ""),
            }
        )
    return replies


def snapshot_from_row(lead: LeadRow) -> LeadSnapshot:
    return LeadSnapshot.model_validate({field: getattr(lead, field) for field in LeadSnapshot.model_fields})


def insert_lead(session: Session, campaign_id: str, snapshot: LeadSnapshot) -> LeadRow:
    """A new lead of the campaign, status NEW, no scores yet."""
    row = LeadRow(
        id=str(uuid.uuid4()),
        campaign_id=campaign_id,
        **snapshot.model_dump(),
        tags="[]",
        status="NEW",
        notes="",
        created_at=datetime.now(timezone.utc),
    )
    session.add(row)
    session.flush()
    return row
