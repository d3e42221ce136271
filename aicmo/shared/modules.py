"""The ten business modules and the modules whose api each may use (architecture rule 2).

The one list of modules: the ownership registry, the contracts, the composition root and the
boundaries check (pyproject.toml's ``modules_from``) all read it from here.
"""
from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

__all__ = ["MODULES", "MODULE_DEPENDENCIES"]

# each module may use only the api of the modules listed for it; acyclic by construction
MODULE_DEPENDENCIES: Mapping[str, tuple[str, ...]] = MappingProxyType({
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
})

MODULES: tuple[str, ...] = tuple(MODULE_DEPENDENCIES)
