"""Each business module's api package and contract version (the modules: aicmo.shared.modules, from [tool.aicmo])."""
from __future__ import annotations

import importlib
from types import ModuleType

from aicmo.shared.modules import MODULE_DEPENDENCIES, MODULES

__all__ = ["MODULES", "api_package", "contract_version"]


def api_package(module: str) -> ModuleType:
    """The imported ``aicmo.<module>.api`` package; KeyError for a name that is not a module."""
    if module not in MODULE_DEPENDENCIES:
        raise KeyError(module)
    return importlib.import_module(f"aicmo.{module}.api")


def contract_version(module: str) -> str:
    return str(api_package(module).CONTRACT_VERSION)
