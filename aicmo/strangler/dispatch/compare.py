"""The shadow comparer: two results, field by field, as a list of field-path differences."""
from __future__ import annotations

import re
from typing import Any, Collection

from pydantic import BaseModel

__all__ = ["as_plain", "field_diffs"]


def as_plain(value: Any) -> Any:
    """A DTO as JSON-like data, so both paths are compared (and stored) the way they would be serialised."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, (list, tuple)):
        return [as_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): as_plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


def field_diffs(legacy: Any, new: Any, ignore: Collection[str] = ()) -> list[dict[str, Any]]:
    """Every leaf that differs, as {"path", "legacy", "new"}; [] when the two are equal.

    `ignore` names fields (path without list indices, e.g. "creatives.checked_at") whose value
    is the instant each path happened to run: two runs of one call never agree on them.
    """
    if isinstance(legacy, BaseModel) and type(legacy) is type(new) and legacy.model_dump_json() == new.model_dump_json():
        # one DTO class serialised byte for byte alike (pydantic's JSON, in Rust): equal leaf for leaf, types
        # included (1, 1.0 and true are three texts), so the walk below would find nothing
        return []
    found: list[dict[str, Any]] = []
    _walk(as_plain(legacy), as_plain(new), "", found)
    return [d for d in found if _INDEX.sub("", d["path"]).lstrip(".") not in ignore]


_INDEX = re.compile(r"\[\d+\]")


_MISSING = "<missing>"


def _walk(legacy: Any, new: Any, path: str, found: list[dict[str, Any]]) -> None:
    if isinstance(legacy, dict) and isinstance(new, dict):
        for key in sorted(set(legacy) | set(new)):
            _walk(legacy.get(key, _MISSING), new.get(key, _MISSING), f"{path}.{key}" if path else key, found)
    elif isinstance(legacy, list) and isinstance(new, list):
        for index in range(max(len(legacy), len(new))):
            _walk(legacy[index] if index < len(legacy) else _MISSING,
                  new[index] if index < len(new) else _MISSING, f"{path}[{index}]", found)
    # type() too: 1 == 1.0 == True in Python, but a score that turned into a bool is a change
    elif legacy != new or type(legacy) is not type(new):
        found.append({"path": path or "$", "legacy": legacy, "new": new})
