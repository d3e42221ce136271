"""A pytest plugin that makes modules' legacy code unimportable, as if it had been deleted.

    AICMO_TEST_WITHOUT_LEGACY=qc pytest -p tests.characterization.legacy_blocker tests/characterization/test_port_pins.py

For each named module it blocks what its deletion removes: the frozen legacy files the
boundaries' legacy map gives the module, and its anti-corruption adapter under acl/ (all of
``acl/<module>/`` but the legacy-view sync, which outlives the module's legacy code while
legacy readers of its old columns remain). An import of any of them raises
``ModuleNotFoundError``, and `route_configurations()` then never routes those modules to
legacy. Loaded with ``-p`` before the test modules are collected, so nothing imports them first.
"""
from __future__ import annotations

import importlib.abc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Optional

from aicmo.strangler.boundaries.config import load_config
from aicmo.strangler.legacy_deletion import deletable_legacy_files

__all__ = ["ENV", "blocked_imports", "modules_without_legacy"]

ENV = "AICMO_TEST_WITHOUT_LEGACY"
ROOT = Path(__file__).resolve().parents[2]
OUTLIVES_THE_MODULE = {"legacy_view_sync"}  # acl/<module>/ files kept after the module's deletion


def modules_without_legacy() -> frozenset[str]:
    """The modules this run treats as deleted (``AICMO_TEST_WITHOUT_LEGACY``, comma-separated)."""
    return frozenset(m.strip() for m in os.environ.get(ENV, "").split(",") if m.strip())


def blocked_imports(modules: frozenset[str]) -> dict[str, str]:
    """Python module name -> the business module whose deletion removes it."""
    legacy_map = load_config(ROOT).legacy_map
    blocked: dict[str, str] = {}
    for module in sorted(modules):
        for path in deletable_legacy_files(ROOT, legacy_map, [module]):
            blocked[_dotted(path)] = module
        for path in sorted((ROOT / "acl" / module).glob("*.py")):
            if path.stem not in OUTLIVES_THE_MODULE and path.stem != "__init__":
                blocked[_dotted(str(path.relative_to(ROOT)))] = module
    return blocked


def _dotted(path: str) -> str:
    return path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


class DeletedLegacy(importlib.abc.MetaPathFinder):
    """Refuses the blocked modules before any other finder can find them."""

    def __init__(self, blocked: dict[str, str]) -> None:
        self.blocked = blocked

    def find_spec(self, fullname: str, path: Optional[Sequence[str]], target: Optional[ModuleType] = None) -> None:
        if fullname in self.blocked:
            raise ModuleNotFoundError(f"{fullname} is gone: {self.blocked[fullname]}'s legacy code is deleted in this run", name=fullname)
        return None


def pytest_configure(config: object) -> None:
    blocked = blocked_imports(modules_without_legacy())
    loaded = sorted(name for name in blocked if name in sys.modules)
    if loaded:  # a module imported before the block would keep working and prove nothing
        raise RuntimeError(f"already imported, so they cannot be made unimportable: {', '.join(loaded)}")
    sys.meta_path.insert(0, DeletedLegacy(blocked))
