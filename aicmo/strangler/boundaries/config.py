"""The boundary rules as data: `[tool.aicmo.boundaries]` of a pyproject.toml, validated.

The module map and the legacy roots are the project's (`[tool.aicmo]`, aicmo.shared.project_config);
the declared module map must be acyclic (rule 2): a cycle there is a configuration error.
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Mapping

import attrs

from aicmo.shared.config_file import ProjectConfigError
from aicmo.shared.project_config import ProjectConfig, load_project_config


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
    # module -> the dotted modules or `module.name` symbols other modules may import; a module
    # not listed has its `public` sub-package (under each of its roots) as its public part
    public_parts: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    shared_kernel: tuple[str, ...] = ()  # packages every module may import
    module_map: Mapping[str, str] = attrs.field(factory=dict)  # package prefix -> module (any depth)
    exclude: tuple[str, ...] = ()  # globs of repository-relative paths never scanned

    @property
    def module_roots(self) -> dict[str, str]:
        """Package prefix -> business module: `module_prefix.M` for each module, then the
        module_map (longest prefix wins when classifying, as for legacy_map)."""
        roots = {".".join(p for p in (self.module_prefix, m) if p): m for m in self.modules}
        roots.update(self.module_map)
        return roots

    def public_of(self, module: str) -> tuple[str, ...]:
        """The dotted names (modules or symbols) of the module's public part."""
        if module in self.public_parts:
            return self.public_parts[module]
        return tuple(f"{root}.{self.public}" for root, owner in self.module_roots.items() if owner == module)

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


# [tool.aicmo.boundaries] keys that now live in [tool.aicmo], the project's one configuration
_MOVED = {"modules": "modules", "modules_from": "modules", "legacy": "legacy"}


def _project(root: Path, rules: Mapping[str, Any]) -> ProjectConfig:
    """The module map and legacy roots: [tool.aicmo]'s, read by the code too."""
    moved = sorted(key for key in _MOVED if key in rules)
    if moved:
        raise ConfigError("; ".join(f"tool.aicmo.boundaries.{key}: moved to tool.aicmo.{_MOVED[key]}" for key in moved))
    try:
        project = load_project_config(root / "pyproject.toml")
        project.legacy_paths  # every legacy root must exist
    except ProjectConfigError as exc:
        raise ConfigError(str(exc)) from None
    return project


def load_config(root: Path) -> BoundaryConfig:
    try:
        data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read {root / 'pyproject.toml'}: {exc}") from None
    section = data.get("tool", {}).get("aicmo", {})
    rules = section.get("boundaries")
    if not rules:
        raise ConfigError("pyproject.toml has no [tool.aicmo.boundaries] section")
    project = _project(root, rules)
    modules = dict(project.modules)
    public = rules.get("public", "api")
    public_parts = _module_table(rules, "public", modules, lists=True) if isinstance(public, dict) else {}
    module_map = _module_table(rules, "module_map", modules, lists=False)
    return BoundaryConfig(
        root=root,
        packages=tuple(rules.get("packages", ())),
        module_prefix=rules.get("module_prefix", ""),
        public=public if isinstance(public, str) else "api",
        acl=rules.get("acl", "acl"),
        baseline=rules.get("baseline", "boundaries-baseline.json"),
        modules=modules,
        orchestrators=tuple(rules.get("orchestrators", ())),
        legacy=project.legacy,
        god_modules=tuple(rules.get("god_modules", ())),
        legacy_importers=tuple(rules.get("legacy_importers", ())),
        composition_roots=tuple(rules.get("composition_roots", ())),
        legacy_map=dict(rules.get("legacy_map", {})),
        ownership=dict(section.get("ownership", {})),
        public_parts=public_parts,
        shared_kernel=_strings(rules, "shared_kernel"),
        module_map=module_map,
        exclude=_strings(rules, "exclude"),
    )


def _strings(rules: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = rules.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"[tool.aicmo.boundaries] {key} must be a list of non-empty strings")
    return tuple(value)


def _module_table(rules: Mapping[str, Any], key: str, modules: Mapping[str, Any], lists: bool) -> dict[str, Any]:
    """`public` (module -> list of dotted names) or `module_map` (package prefix -> module),
    each naming only declared modules."""
    table = rules.get(key, {})
    if not isinstance(table, dict):
        raise ConfigError(f"[tool.aicmo.boundaries.{key}] must be a table")
    checked: dict[str, Any] = {}
    for name, value in table.items():
        module = name if lists else value
        if module not in modules:
            raise ConfigError(f"[tool.aicmo.boundaries.{key}] names {module!r}, which is not a declared module")
        if lists:
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise ConfigError(f"[tool.aicmo.boundaries.{key}] {name} must be a list of dotted names")
            checked[name] = tuple(value)
        else:
            checked[str(name)] = str(value)
    return checked
