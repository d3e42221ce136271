"""The business modules, their declared dependencies (architecture rule 2) and their api packages."""
from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["DEPENDENCIES", "MODULES", "api_package", "contract_version"]

# Each module may use only the api of the modules listed for it; acyclic by construction.
DEPENDENCIES: dict[str, tuple[str, ...]] = {
    "cam": (),
    "onboarding": (),
    "strategy": ("onboarding",),
    "production": ("strategy",),
    "qc": ("production",),
    "client_review": ("production", "qc"),
    "delivery": ("production", "client_review"),
    "reporting": ("delivery", "cam"),
    "billing": ("onboarding", "delivery"),
    "retention": ("billing", "reporting"),
}

MODULES: tuple[str, ...] = tuple(DEPENDENCIES)


def api_package(module: str) -> ModuleType:
    """The imported ``aicmo.<module>.api`` package; KeyError for a name that is not a module."""
    if module not in DEPENDENCIES:
        raise KeyError(module)
    return importlib.import_module(f"aicmo.{module}.api")


def contract_version(module: str) -> str:
    return str(api_package(module).CONTRACT_VERSION)
