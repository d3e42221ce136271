"""The committed contract documents: ``contract_snapshots/<module>.json``, one per module."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

__all__ = ["DEFAULT_DIR", "dump", "read", "write"]

# the repository's contract_snapshots/ folder (the package is installed editable from the checkout)
DEFAULT_DIR = Path(__file__).resolve().parents[3] / "contract_snapshots"


def dump(document: dict[str, Any]) -> str:
    """The canonical text: sorted keys, two-space indent, a final newline (stable diffs)."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def path_for(directory: Path, module: str) -> Path:
    return directory / f"{module}.json"


def read(directory: Path, module: str) -> Optional[dict[str, Any]]:
    """The committed document, or None when the module has none yet."""
    path = path_for(directory, module)
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def write(directory: Path, module: str, document: dict[str, Any]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = path_for(directory, module)
    path.write_text(dump(document), encoding="utf-8")
    return path
