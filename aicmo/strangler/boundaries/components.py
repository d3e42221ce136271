"""Which component a Python module belongs to: a business module's public part or internals,
legacy code (mapped to the business module that owns its behaviour), an ACL adapter, the
shared kernel, or other code.

A business module is found by the longest of its package prefixes (`module_prefix.M`, and the
`module_map` entries, so `shop.graphql.checkout` can belong to `checkout`).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Iterable, Optional

import attrs

from aicmo.strangler.boundaries.config import BoundaryConfig


@attrs.frozen
class Component:
    node: str  # the node in the module graph: a business module, a legacy group, or a package
    module: Optional[str] = None  # the business module, when the code belongs to one
    public: bool = False  # part of the module's api (importable by other modules)
    legacy: bool = False
    god: bool = False
    acl: bool = False
    orchestrator: bool = False
    legacy_importer: bool = False  # allowed to import legacy code (rule 3)
    composition_root: bool = False  # wires every module's adapters and implementations
    kernel: bool = False  # the shared kernel: every module may import it


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _longest(name: str, prefixes: Iterable[str]) -> Optional[str]:
    matches = [p for p in prefixes if _under(name, p)]
    return max(matches, key=len) if matches else None


def classifier(config: BoundaryConfig) -> Callable[[str], Component]:
    """A cached classification function for the config (thousands of modules, called per edge)."""
    modules = set(config.modules)
    roots = config.module_roots
    # a module's public modules; its public symbols (`module.Name`) are judged per imported name
    public_modules = {module: config.public_of(module) for module in modules}
    listed = set(config.public_parts)

    @lru_cache(maxsize=None)
    def classify(name: str) -> Component:
        if _longest(name, config.composition_roots):
            return Component(node=name, legacy_importer=True, composition_root=True)
        allowed_legacy = _longest(name, config.legacy_importers) is not None
        kernel = _longest(name, config.shared_kernel)
        if kernel:
            return Component(node=kernel, kernel=True, legacy_importer=allowed_legacy)
        god = _longest(name, config.god_modules)
        if god:
            return Component(node=god, legacy=True, god=True)
        if _longest(name, config.legacy):
            group = config.legacy_map.get(_longest(name, config.legacy_map) or "", "legacy")
            return Component(node=group, module=group if group in modules else None, legacy=True)
        parts = name.split(".")
        if _under(name, config.acl):
            owner = parts[1] if len(parts) > 1 and parts[1] in modules else None
            return Component(node=owner or config.acl, module=owner, acl=True, legacy_importer=True)
        root = _longest(name, roots)
        if root:
            module = roots[root]
            public = (name == root and module not in listed) or _longest(name, public_modules[module]) is not None
            return Component(node=module, module=module, public=public, legacy_importer=allowed_legacy)
        orchestrator = _longest(name, config.orchestrators)
        if orchestrator:
            return Component(node=orchestrator, orchestrator=True, legacy_importer=allowed_legacy)
        depth = len(config.module_prefix.split(".")) if config.module_prefix else 0
        return Component(node=".".join(parts[: depth + 1]), legacy_importer=allowed_legacy)

    return classify
