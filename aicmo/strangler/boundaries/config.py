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
    return BoundaryConfig(
        root=root,
        packages=tuple(rules.get("packages", ())),
        module_prefix=rules.get("module_prefix", ""),
        public=rules.get("public", "api"),
        acl=rules.get("acl", "acl"),
        baseline=rules.get("baseline", "boundaries-baseline.json"),
        modules=dict(project.modules),
        orchestrators=tuple(rules.get("orchestrators", ())),
        legacy=project.legacy,
        god_modules=tuple(rules.get("god_modules", ())),
        legacy_importers=tuple(rules.get("legacy_importers", ())),
        composition_roots=tuple(rules.get("composition_roots", ())),
        legacy_map=dict(rules.get("legacy_map", {})),
        ownership=dict(section.get("ownership", {})),
    )
