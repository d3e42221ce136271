"""Every name in the migration packages' __all__ imports."""
from __future__ import annotations

import importlib

import pytest

PACKAGES = ["aicmo.strangler.routes", "aicmo.strangler.evidence", "aicmo.strangler.migration", "aicmo.strangler.route_flags"]


@pytest.mark.parametrize("package", PACKAGES)
def test_every_exported_name_imports(package):
    """A name in __all__ that does not exist would break `from package import *`."""
    module = importlib.import_module(package)
    assert [] == [name for name in module.__all__ if not hasattr(module, name)]
