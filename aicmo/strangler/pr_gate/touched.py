"""Which business modules a change touches, from the paths it changed.

A path inside one module (its package, its acl adapter, its tests, its committed contract) touches
that module. Docs and CI configuration touch none. Anything else (shared code, the strangler,
legacy, test infrastructure, packaging) may change any module's behaviour: it touches them all.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

import attrs

from aicmo.strangler.legacy_freeze import MANIFEST_NAME

DOC_SUFFIXES = (".md", ".rst")
# files that change neither code nor tests: the documentation and the CI templates
INERT_PREFIXES = ("docs/", ".github/", "examples/ci/")
INERT_FILES = (".pre-commit-hooks.yaml", ".gitignore", "LICENSE")


@attrs.frozen
class Touched:
    modules: frozenset[str] = frozenset()
    # why every module is touched (the first path that made it so), or None
    everything_because: Optional[str] = None

    @property
    def everything(self) -> bool:
        return self.everything_because is not None


def _module_patterns(module: str) -> tuple[re.Pattern[str], ...]:
    name = re.escape(module)
    return tuple(re.compile(p) for p in (
        rf"aicmo/{name}/",
        rf"acl/{name}/",
        rf"tests/port_suites/{name}/",
        rf"tests/unit/{name}/",
        rf"tests/unit/test_{name}\.py$",
        rf"tests/characterization/test_{name}(_[^/]*)?\.py$",
        rf"tests/characterization/__snapshots__/test_{name}(_[^/]*)?\.json$",
        rf"contract_snapshots/{name}\.json$",
    ))


def is_inert(path: str) -> bool:
    return path.endswith(DOC_SUFFIXES) or path.startswith(INERT_PREFIXES) or path in INERT_FILES


def is_legacy(path: str, legacy: Iterable[str]) -> bool:
    """`legacy`: the project's legacy roots as dotted names (`[tool.aicmo] legacy`), a package or a
    module each; a path under one of them, or the freeze's manifest, is legacy. Read from the names,
    not the tree: a root whose files a change deletes is still legacy."""
    if path == MANIFEST_NAME:
        return True
    for name in legacy:
        where = name.replace(".", "/")
        if path == f"{where}.py" or path.startswith(f"{where}/"):
            return True
    return False


def module_of(path: str, modules: Iterable[str]) -> Optional[str]:
    """The one module the path belongs to; the longest name wins (a module may prefix another)."""
    for module in sorted(modules, key=len, reverse=True):
        if any(p.match(path) for p in _module_patterns(module)):
            return module
    return None


def touched_by(paths: Iterable[str], modules: Iterable[str], legacy: Iterable[str]) -> Touched:
    known = tuple(modules)
    legacy = tuple(legacy)
    found: set[str] = set()
    for path in sorted(paths):
        if is_legacy(path, legacy):
            return Touched(frozenset(known), f"legacy changed: {path}")
        if is_inert(path):
            continue
        module = module_of(path, known)
        if module is None:
            return Touched(frozenset(known), f"shared code changed: {path}")
        found.add(module)
    return Touched(frozenset(found))
