"""The project's one configuration, ``[tool.aicmo]`` of pyproject.toml, validated.

    [tool.aicmo]
    legacy = ["backend", "aicmo.domain"]        # legacy code: Python packages or modules, frozen
    [tool.aicmo.modules]                        # each module and the modules whose api it may use
    onboarding = []
    strategy = ["onboarding"]
    [tool.aicmo.legacy_tables]                  # each legacy table and its one owner module
    cam_leads = "cam"
    [tool.aicmo.gate]
    min_comparisons = 200                       # shadow comparisons a promotion needs

``[tool.aicmo.boundaries]`` and ``[tool.aicmo.ownership]`` hold the checkers' own rules and are
validated by them. A bad value is refused with the key it is under.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Mapping, Optional

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError

from aicmo.shared.config_file import ProjectConfigError, file_version, package_pyproject, parsed_section
from aicmo.shared.module_graph import checked_modules

__all__ = ["GateSettings", "ProjectConfig", "load_project_config", "project_config"]

KEY = "tool.aicmo"  # errors name keys dotted, as TOML does: tool.aicmo.gate.min_comparisons


class GateSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min_comparisons: Optional[Annotated[StrictInt, Field(ge=1)]] = None


class ProjectConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    root: Path  # the folder of the pyproject.toml: legacy roots are found under it
    modules: Mapping[StrictStr, tuple[StrictStr, ...]]
    legacy: tuple[StrictStr, ...] = ()
    legacy_tables: Mapping[StrictStr, StrictStr] = Field(default_factory=dict)
    gate: GateSettings = GateSettings()
    boundaries: Mapping[str, Any] = Field(default_factory=dict)
    ownership: Mapping[str, Any] = Field(default_factory=dict)

    @property
    def legacy_paths(self) -> tuple[str, ...]:
        """Each legacy root as a root-relative path: a package's folder or a module's file.

        Checked here, when a tool needs the files, not on loading: an installed deployment
        reads its configuration without the legacy source beside it.
        """
        paths = []
        for name in self.legacy:
            path = _legacy_path(self.root, name)
            if path is None:
                where = PurePosixPath(*name.split("."))
                raise ProjectConfigError(f"{KEY}.legacy: {name!r} is neither a folder {where}/ nor a file {where}.py under {self.root}")
            paths.append(path)
        return tuple(paths)


def _legacy_path(root: Path, name: str) -> Optional[str]:
    relative = PurePosixPath(*name.split("."))
    if (root / relative).is_dir():
        return relative.as_posix()
    if (root / relative.with_suffix(".py")).is_file():
        return relative.with_suffix(".py").as_posix()
    return None


def _explained(error: ValidationError) -> str:
    """Pydantic's findings, each under its TOML key."""
    lines = []
    for item in error.errors():
        key = ".".join(str(part) for part in item["loc"])
        reason = "unknown key" if item["type"] == "extra_forbidden" else item["msg"]
        lines.append(f"{KEY}.{key}: {reason}" + ("" if item["type"] == "extra_forbidden" else f" (got {item['input']!r})"))
    return "; ".join(lines)


def _check_references(config: ProjectConfig) -> None:
    """What the types cannot say: legacy roots are dotted Python names, every table's owner is a module.

    That each legacy root exists is checked by legacy_paths."""
    for name in config.legacy:
        if not all(part.isidentifier() for part in name.split(".")):
            raise ProjectConfigError(f"{KEY}.legacy: {name!r} is not a Python package or module name (dotted, like aicmo.domain)")
    for table, owner in config.legacy_tables.items():
        if owner not in config.modules:
            raise ProjectConfigError(f"{KEY}.legacy_tables.{table}: owner {owner!r} is not a module of {KEY}.modules")


def load_project_config(pyproject: Path) -> ProjectConfig:
    """The validated ``[tool.aicmo]`` of this pyproject.toml (read again only when the file changes)."""
    return _validated(*file_version(pyproject))


@lru_cache(maxsize=32)
def _validated(pyproject: Path, text: str) -> ProjectConfig:
    # the text is part of the key so that a rewritten file is validated again
    section = parsed_section(pyproject, text)
    if "root" in section:  # the model's own field, taken from where the file is
        raise ProjectConfigError(f"{KEY}.root: unknown key")
    modules = checked_modules(section.get("modules"))
    try:
        config = ProjectConfig.model_validate({**section, "modules": modules, "root": pyproject.parent})
    except ValidationError as exc:
        raise ProjectConfigError(_explained(exc)) from None
    _check_references(config)
    return config


def project_config() -> ProjectConfig:
    """The running package's configuration (where it is found: aicmo.shared.config_file)."""
    return load_project_config(package_pyproject())
