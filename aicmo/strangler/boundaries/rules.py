"""Rules 1-3 of the architecture applied to one import edge, and rule 2's cycle detection.

Each rule returns the finding's rule name and the allowed alternative to print.
"""
from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

from aicmo.strangler.boundaries.components import Component
from aicmo.strangler.boundaries.config import BoundaryConfig

API_ONLY = "api-only"  # rule 1
UNDECLARED = "undeclared-dependency"  # rule 2
CYCLE = "cycle"  # rule 2
LEGACY_OUTSIDE_ACL = "legacy-outside-acl"  # rule 3
GOD_MODULE = "god-module"  # rule 3: the legacy god module is its own node
LEGACY_IMPORTS_NEW = "legacy-imports-new"  # rule 3: legacy imports nothing new
KERNEL_IMPORTS_MODULE = "kernel-imports-module"  # the shared kernel depends on no business module
UNREADABLE_FILE = "unreadable-file"  # a file the running Python cannot parse: its imports are unchecked


class Judge:
    """Decides, for an importer and an imported component, which rule (if any) is broken."""

    def __init__(self, config: BoundaryConfig):
        self.config = config

    def api_name(self, module: str) -> str:
        """The module's public part, as the alternative to print ("<module>" when unknown)."""
        named = self.config.public_of(module) if module in self.config.modules else ()
        return ", ".join(named) or ".".join(p for p in (self.config.module_prefix, module, self.config.public) if p)

    def public_name(self, module: str, name: str) -> bool:
        """Whether an imported name (a module, or `module.symbol`) is in the module's public part."""
        return any(name == part or name.startswith(part + ".") for part in self.config.public_of(module))

    def rule_for(self, importer: Component, imported: Component) -> Optional[tuple[str, str]]:
        if importer.composition_root:
            return None  # the one place that wires adapters, legacy and implementations together
        if imported.kernel:
            return None  # shared by every module, legacy included
        if importer.kernel and imported.module is not None:
            return KERNEL_IMPORTS_MODULE, (f"the shared kernel depends on no module: move the code into "
                                           f"{imported.module} or into the kernel, or pass it in from the caller")
        if imported.legacy:
            return self._into_legacy(importer, imported)
        if importer.legacy:
            return LEGACY_IMPORTS_NEW, "legacy is frozen and imports nothing new; call the new code from acl/ or orchestration"
        if imported.module is None or importer.module == imported.module:
            return None
        return self._across_modules(importer, imported)

    def _into_legacy(self, importer: Component, imported: Component) -> Optional[tuple[str, str]]:
        if not importer.legacy:
            if importer.legacy_importer:
                return None
            if imported.god:
                return GOD_MODULE, self._god_alternative(importer)
            where = f"{self.config.acl}.{imported.module}" if imported.module else f"an {self.config.acl}/ adapter"
            return LEGACY_OUTSIDE_ACL, f"reach legacy through {where} behind the port in {self.api_name(imported.module or '<module>')}"
        if imported.god and not importer.god:
            return GOD_MODULE, self._god_alternative(importer)
        if imported.module is None or importer.module == imported.module:
            return None  # legacy infrastructure, or the module's own legacy code
        return self._across_modules(importer, imported)

    def _god_alternative(self, importer: Component) -> str:
        own = f" ({self.api_name(importer.module)})" if importer.module else ""
        return f"use the contract DTOs of the owning module's api{own} instead of the god module"

    def _across_modules(self, importer: Component, imported: Component) -> Optional[tuple[str, str]]:
        target = imported.module
        assert target is not None
        if importer.module is not None and target not in self.config.modules.get(importer.module, ()):
            allowed = ", ".join(self.config.modules.get(importer.module, ())) or "no other module"
            return UNDECLARED, f"{importer.module} may use only: {allowed}; declare the dependency in [tool.aicmo.modules] or go through orchestration"
        if imported.public and not imported.legacy:
            return None
        public = self.config.public_of(target)
        exports = api_exports(self.config.root, public[0]) if len(public) == 1 else ()
        names = f" (exports: {', '.join(exports)})" if exports else ""
        return API_ONLY, f"import from {self.api_name(target)}{names}"


@lru_cache(maxsize=None)
def api_exports(root: Path, package: str) -> tuple[str, ...]:
    """The `__all__` of an api package, read from source (never imported by the checker)."""
    path = root / package.replace(".", "/") / "__init__.py"
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return ()
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            try:
                return tuple(ast.literal_eval(node.value))
            except ValueError:
                return ()
    return ()


def cycles(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan), each sorted."""
    graph: dict[str, set[str]] = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strongconnect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                strongconnect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            members = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                members.append(top)
                if top == node:
                    break
            if len(members) > 1:
                found.append(sorted(members))

    for node in sorted(graph):
        if node not in index:
            strongconnect(node)
    return sorted(found)
