"""Load and validate the command's input files before anything touches the database.

Every problem becomes an InputError whose one-line message names the file and the field.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from aicmo.onboarding.api import ClientIntake


class InputError(Exception):
    """Bad input: reported as one line, exit code 2, nothing written."""


def describe_validation_error(source: str, error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        location = ".".join(str(p) for p in item["loc"]) or "(root)"
        parts.append(f"field '{location}': {item['msg']}")
    return f"{source}: " + "; ".join(parts)


def read_json_object(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise InputError(f"{path}: file not found")
    if not path.is_file():
        raise InputError(f"{path}: not a file")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a JSON object, got {type(data).__name__}")
    return data


def load_intake(path: Path) -> ClientIntake:
    """The intake file as the onboarding contract's ClientIntake."""
    from aicmo.orchestration import bootstrap

    data = read_json_object(path)
    try:
        return bootstrap.intake_requests().intake_from_request(data)
    except ValidationError as exc:
        raise InputError(describe_validation_error(str(path), exc)) from None


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
