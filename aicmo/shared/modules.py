"""The business modules and the modules whose api each may use (architecture rule 2).

The list is configuration: ``[tool.aicmo] modules`` of the project's pyproject.toml (found as
aicmo.shared.config_file says), read here once, at import, with tomllib alone so that importing
it stays cheap. The code imports the names below; the checkers read the same table.
"""
from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from aicmo.shared.config_file import package_pyproject, tool_section
from aicmo.shared.module_graph import checked_modules

__all__ = ["MODULES", "MODULE_DEPENDENCIES"]

# each module may use only the api of the modules listed for it; in dependency order, acyclic
MODULE_DEPENDENCIES: Mapping[str, tuple[str, ...]] = MappingProxyType(checked_modules(tool_section(package_pyproject()).get("modules")))

MODULES: tuple[str, ...] = tuple(MODULE_DEPENDENCIES)
