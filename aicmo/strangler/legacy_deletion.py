"""Which frozen legacy files may be deleted: those of modules whose route reached `deleted`.

A legacy file belongs to the business module the boundaries' legacy map gives its Python
module (longest prefix wins, as in the boundaries check), so the freeze and the boundaries
agree on ownership. Shared plumbing ("legacy-infra") and the god module belong to no
module and never become deletable this way.
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Iterable, Mapping, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from aicmo.strangler.legacy_freeze import read_manifest
from aicmo.strangler.routes.states import Route
from aicmo.strangler.routes.tables import ModuleRouteRow

__all__ = ["deletable_legacy_files", "deleted_modules", "legacy_owner"]


def legacy_owner(path: str, legacy_map: Mapping[str, str]) -> Optional[str]:
    """The legacy map's group for a repository-relative file (`backend/services/qc.py` -> qc)."""
    parts = list(PurePosixPath(path).with_suffix("").parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    name = ".".join(parts)
    matches = [p for p in legacy_map if name == p or name.startswith(p + ".")]
    return legacy_map[max(matches, key=len)] if matches else None


def deleted_modules(session: Session) -> set[str]:
    return set(session.scalars(select(ModuleRouteRow.module).where(ModuleRouteRow.route == Route.DELETED.value)))


def deletable_legacy_files(root: Path, legacy_map: Mapping[str, str], modules: Iterable[str]) -> list[str]:
    """The manifest's files owned by `modules`: pass them as `check_freeze(root, deletable=...)`."""
    wanted = set(modules)
    return sorted(f for f in read_manifest(root) if legacy_owner(f, legacy_map) in wanted)
