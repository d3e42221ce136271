"""The boundary rules as data: `[tool.aicmo.boundaries]` of a pyproject.toml, validated.

The declared module map must be acyclic (rule 2); a cycle there is a configuration error.
"""
from __future__ import annotations

import importlib
import sys
import tomllib
from pathlib import Path
from typing import Any, Mapping

import attrs


class ConfigError(ValueError):
    """The rules in pyproject.toml are missing or inconsistent."""


@attrs.frozen
class BoundaryConfig:
    root: Path
    packages: tuple[str, ...]
    module_prefix: str
    public: str
    acl: str
    baseline: str
    modules: Mapping[str, tuple[str, ...]]  # module -> allowed dependencies
    orchestrators: tuple[str, ...]
    legacy: tuple[str, ...]
    god_modules: tuple[str, ...]
    legacy_importers: tuple[str, ...]
    composition_roots: tuple[str, ...]
    legacy_map: Mapping[str, str]  # python module prefix -> business module or group
    ownership: Mapping[str, Any] = attrs.field(factory=dict)

    @property
    def present_packages(self) -> tuple[str, ...]:
        """The configured packages that exist in the tree (acl/ may not exist yet)."""
        return tuple(p for p in self.packages if (self.root / p / "__init__.py").is_file())

    @property
    def baseline_path(self) -> Path:
        return self.root / self.baseline


def find_root(start: Path) -> Path:
    for folder in (start, *start.parents):
        if (folder / "pyproject.toml").is_file():
            return folder
    raise ConfigError(f"no pyproject.toml at or above {start}")


def declared_cycle(modules: Mapping[str, tuple[str, ...]]) -> list[str]:
    """One cycle of the declared map as a path, or [] when it is acyclic."""
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(node: str, path: list[str]) -> list[str]:
        state[node] = 1
        for dep in modules.get(node, ()):
            if state.get(dep) == 1:
                return path[path.index(dep):] + [dep] if dep in path else [node, dep]
            if dep not in state:
                found = visit(dep, path + [dep])
                if found:
                    return found
        state[node] = 2
        return []

    for start in sorted(modules):
        if start not in state:
            found = visit(start, [start])
            if found:
                return found
    return []


def _declared_modules(root: Path, rules: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """The module map: the ``modules`` table, or the mapping ``modules_from = "package.module:NAME"`` names.

    ``modules_from`` lets a project keep its one module list in code; it is imported with the
    project root first on the import path.
    """
    if "modules_from" not in rules:
        return {name: tuple(deps) for name, deps in rules.get("modules", {}).items()}
    if "modules" in rules:
        raise ConfigError("[tool.aicmo.boundaries] has both modules and modules_from; keep one")
    target = str(rules["modules_from"])
    module_name, _, attribute = target.partition(":")
    sys.path.insert(0, str(root))
    try:
        declared = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError, ValueError) as exc:
        raise ConfigError(f"modules_from = {target!r}: {exc}") from None
    finally:
        sys.path.remove(str(root))
    return {str(name): tuple(deps) for name, deps in dict(declared).items()}


def load_config(root: Path) -> BoundaryConfig:
    try:
        data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read {root / 'pyproject.toml'}: {exc}") from None
    section = data.get("tool", {}).get("aicmo", {})
    rules = section.get("boundaries")
    if not rules:
        raise ConfigError("pyproject.toml has no [tool.aicmo.boundaries] section")
    modules = _declared_modules(root, rules)
    unknown = sorted({d for deps in modules.values() for d in deps} - set(modules))
    if unknown:
        raise ConfigError(f"[tool.aicmo.boundaries.modules] names unknown modules: {', '.join(unknown)}")
    cycle = declared_cycle(modules)
    if cycle:
        raise ConfigError(f"declared module dependencies form a cycle: {' -> '.join(cycle)}")
    return BoundaryConfig(
        root=root,
        packages=tuple(rules.get("packages", ())),
        module_prefix=rules.get("module_prefix", ""),
        public=rules.get("public", "api"),
        acl=rules.get("acl", "acl"),
        baseline=rules.get("baseline", "boundaries-baseline.json"),
        modules=modules,
        orchestrators=tuple(rules.get("orchestrators", ())),
        legacy=tuple(rules.get("legacy", ())),
        god_modules=tuple(rules.get("god_modules", ())),
        legacy_importers=tuple(rules.get("legacy_importers", ())),
        composition_roots=tuple(rules.get("composition_roots", ())),
        legacy_map=dict(rules.get("legacy_map", {})),
        ownership=dict(section.get("ownership", {})),
    )
