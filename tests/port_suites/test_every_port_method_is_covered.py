"""Every method of every module port is called by that module's contract suite."""
from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest

from aicmo.shared.persistence.ownership import MODULES

HERE = Path(__file__).resolve().parent


def port_methods(module: str) -> set[str]:
    api = importlib.import_module(f"aicmo.{module}.api")
    (port,) = [obj for name, obj in vars(api).items() if name.endswith("Port") and inspect.isclass(obj)]
    return {name for name, _ in inspect.getmembers(port, inspect.isfunction) if not name.startswith("_")}


@pytest.mark.parametrize("module", MODULES)
def test_the_contract_suite_calls_every_port_method(module):
    """No port method is left without a behavioural test."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in (HERE / module).glob("test_*.py"))
    called = set(re.findall(r"\.(\w+)\(", source))
    assert set() == port_methods(module) - called
