"""Load and validate the command's input files before anything touches the database.

Every problem becomes an InputError whose one-line message names the file and the field.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from aicmo.cli_support.input_csv import check_csv
from aicmo.cli_support.input_error import InputError
from aicmo.cli_support.input_json import read_json_object
from aicmo.cli_support.input_limits import CampaignLimits, IntakeLimits, LeadRowLimits, ReplyRowLimits
from aicmo.onboarding.api import ClientIntake

__all__ = [
    "InputError",
    "canonical_json",
    "check_campaign_limits",
    "check_acquisition_files",
    "describe_validation_error",
        "load_intake",
    "read_json_object",
]


def describe_validation_error(source: str, error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        location = ".".join(str(p) for p in item["loc"]) or "(root)"
        parts.append(f"field '{location}': {item['msg']}")
    return f"{source}: " + "; ".join(parts)


def _within_limits(path: Path, limits: type[BaseModel], data: Any) -> None:
    try:
        limits.model_validate(data)
    except ValidationError as exc:
        raise InputError(describe_validation_error(str(path), exc)) from None


def load_intake(path: Path) -> ClientIntake:
    """The intake file as the onboarding contract's ClientIntake."""
    from aicmo.orchestration import bootstrap

    data = read_json_object(path)
    try:
        intake = bootstrap.intake_requests().intake_from_request(data)
    except ValidationError as exc:
        raise InputError(describe_validation_error(str(path), exc)) from None
    _within_limits(path, IntakeLimits, intake.model_dump(mode="json"))
    return intake


def check_campaign_limits(path: Path, data: dict[str, Any]) -> None:
    """A campaign the campaign reader accepted, its text fields within their limits."""
    _within_limits(path, CampaignLimits, data)


def check_acquisition_files(leads_file: Path, replies_file: Path | None) -> int:
    """The leads (and replies) files checked row by row before the legacy reader opens them; the lead count."""
    leads = check_csv(leads_file, LeadRowLimits)
    if replies_file is not None:
        check_csv(replies_file, ReplyRowLimits)
    return leads


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
