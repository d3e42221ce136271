"""The legacy freeze: a committed manifest of the sha256 of every legacy file.

The legacy files are those under the project's legacy roots (`[tool.aicmo] legacy` in its
pyproject.toml). Legacy files may never be modified or added. A deletion is allowed only for a module whose
migration has reached `deleted`; until routes exist no module has, so every deletion fails.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterable

import attrs

from aicmo.shared.project_config import load_project_config

MANIFEST_NAME = "legacy-manifest.json"
IGNORED_PARTS = {"__pycache__"}
IGNORED_SUFFIXES = {".pyc", ".pyo"}


@attrs.frozen
class FreezeViolation:
    kind: str  # "modified", "added" or "deleted"
    path: str

    def __str__(self) -> str:
        return f"legacy file {self.kind}: {self.path}"


def legacy_files(root: Path) -> list[str]:
    """Every file under the legacy roots of the project at `root` (`[tool.aicmo] legacy`)."""
    roots = load_project_config(root / "pyproject.toml").legacy_paths
    found = [r for r in roots if (root / r).is_file()]
    for folder in (r for r in roots if (root / r).is_dir()):
        for path in (root / folder).rglob("*"):
            if not path.is_file() or IGNORED_PARTS & set(path.parts) or path.suffix in IGNORED_SUFFIXES:
                continue
            found.append(path.relative_to(root).as_posix())
    return sorted(found)


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compute_manifest(root: Path) -> dict[str, object]:
    return {
        "algorithm": "sha256",
        "files": {name: file_digest(root / name) for name in legacy_files(root)},
    }


def write_manifest(root: Path) -> Path:
    target = root / MANIFEST_NAME
    target.write_text(json.dumps(compute_manifest(root), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return target


def read_manifest(root: Path) -> dict[str, str]:
    return json.loads((root / MANIFEST_NAME).read_text(encoding="utf-8"))["files"]


def check_freeze(root: Path, deletable: Iterable[str] = ()) -> list[FreezeViolation]:
    """Every difference between the tree and the manifest that the freeze forbids.

    `deletable` lists path prefixes whose files may be gone (modules that reached `deleted`).
    """
    frozen = read_manifest(root)
    present = set(legacy_files(root))
    allowed = tuple(deletable)
    violations = []
    for name in sorted(frozen):
        if name not in present:
            if not (allowed and name.startswith(allowed)):
                violations.append(FreezeViolation("deleted", name))
        elif file_digest(root / name) != frozen[name]:
            violations.append(FreezeViolation("modified", name))
    for name in sorted(present - set(frozen)):
        violations.append(FreezeViolation("added", name))
    return violations
