"""A syrupy extension: one sorted-JSON snapshot file per test module.

Data is turned into plain JSON first: pydantic models by ``model_dump(mode="json")``,
SQLAlchemy rows by their mapped columns, dates as ISO text, bytes by digest and length.
Anything else that JSON cannot hold is an error, never a ``repr`` (a repr would pin memory
addresses). The only scrubbing is of the test's temporary directory: the clock and the ids
are pinned by the harness, so a change in them is a change of behaviour and must show.

A test parameter whose id starts with ``via:`` (the route configuration a pin runs on) or
``db:`` (the database backend) is left out of the snapshot name: every route and every backend
must meet the same snapshot. A pin that differs by backend says so in its own name.
"""
from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import re
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar

from pydantic import BaseModel
from sqlalchemy import inspect as sqlalchemy_inspect
from sqlalchemy.exc import NoInspectionAvailable
from syrupy.data import Snapshot, SnapshotCollection
from syrupy.extensions.base import AbstractSyrupyExtension


def to_json(value: Any) -> Any:
    """Plain JSON data (dict, list, str, number, bool, None) for a legacy value."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value.value if isinstance(value, enum.Enum) else value
    if isinstance(value, enum.Enum):
        return to_json(value.value)
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, bytes):
        return {"sha256": hashlib.sha256(value).hexdigest(), "bytes": len(value)}
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(to_json(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, SimpleNamespace):
        return to_json(vars(value))
    try:
        mapper = sqlalchemy_inspect(value).mapper
    except NoInspectionAvailable:
        raise TypeError(f"cannot snapshot a {type(value).__name__}: {value!r}") from None
    return {column.key: to_json(getattr(value, column.key)) for column in mapper.column_attrs}


def canonical(value: Any) -> str:
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)


def _scrubbed(value: Any, scrub: dict[str, str]) -> Any:
    if isinstance(value, str):
        for volatile, stable in scrub.items():
            value = value.replace(volatile, stable)
        return value
    if isinstance(value, dict):
        return {k: _scrubbed(v, scrub) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrubbed(v, scrub) for v in value]
    return value


def _load(location: str) -> dict[str, Any]:
    path = Path(location)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


# syrupy rediscovers every snapshot file of the folder for each assertion; parsing and
# re-serializing them each time made the suite ten times slower, so keep them per file version
_canonical_cache: dict[str, tuple[tuple[int, int], dict[str, str]]] = {}


def _load_canonical(location: str) -> dict[str, str]:
    path = Path(location)
    if not path.exists():
        return {}
    stat = path.stat()
    version = (stat.st_mtime_ns, stat.st_size)
    cached = _canonical_cache.get(location)
    if cached is None or cached[0] != version:
        cached = (version, {name: canonical(value) for name, value in _load(location).items()})
        _canonical_cache[location] = cached
    return cached[1]


def _store(location: str, snapshots: dict[str, Any]) -> None:
    Path(location).write_text(canonical(snapshots) + "\n", encoding="utf-8")


# a `via:` or `db:` parameter id, with the "-" joining it to the other parameters, or the brackets if alone
_SAME_PIN = r"(?:via|db):[^\]\-]+"
_ROUTE_PARAMETER = re.compile(rf"\[{_SAME_PIN}\]|(?<=\[){_SAME_PIN}-|-{_SAME_PIN}")


def without_route(name: str) -> str:
    """A snapshot name without its ``via:`` and ``db:`` parameters: ``test_x[via:qc=new-a-db:sqlite]`` -> ``test_x[a]``."""
    while True:  # each pass may leave another such parameter alone in its brackets
        shorter = _ROUTE_PARAMETER.sub("", name)
        if shorter == name:
            return name
        name = shorter


class ModuleJSONExtension(AbstractSyrupyExtension):
    """Every snapshot of a test module in ``__snapshots__/<module>.json``, keyed by test name."""

    file_extension = "json"
    scrub: ClassVar[dict[str, str]] = {}

    @classmethod
    def get_snapshot_name(cls, *, test_location: Any, index: Any = 0) -> str:
        return without_route(super().get_snapshot_name(test_location=test_location, index=index))

    def serialize(self, data: Any, *, exclude: Any = None, include: Any = None, matcher: Any = None) -> str:
        return canonical(_scrubbed(to_json(data), self.scrub))

    def read_snapshot_collection(self, *, snapshot_location: str) -> SnapshotCollection:
        collection = SnapshotCollection(location=snapshot_location)
        for name, data in _load_canonical(snapshot_location).items():
            collection.add(Snapshot(name=name, data=data))
        return collection

    def read_snapshot_data_from_location(
        self, *, snapshot_location: str, snapshot_name: str, session_id: str
    ) -> str | None:
        return _load_canonical(snapshot_location).get(snapshot_name)

    @classmethod
    def write_snapshot_collection(
        cls, *, snapshot_collection: SnapshotCollection, name_order: dict[str, int] | None = None
    ) -> None:
        stored = _load(snapshot_collection.location)
        for snapshot in snapshot_collection:
            stored[snapshot.name] = json.loads(snapshot.data)
        _store(snapshot_collection.location, stored)

    def delete_snapshots(self, *, snapshot_location: str, snapshot_names: set[str]) -> None:
        stored = {k: v for k, v in _load(snapshot_location).items() if k not in snapshot_names}
        if stored:
            _store(snapshot_location, stored)
        else:
            Path(snapshot_location).unlink(missing_ok=True)


def extension_scrubbing(scrub: dict[str, str]) -> type[ModuleJSONExtension]:
    """The extension with the given volatile texts replaced by stable ones."""
    return type("ScrubbingModuleJSONExtension", (ModuleJSONExtension,), {"scrub": dict(scrub)})
