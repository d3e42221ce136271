"""The README's rule-to-test table is complete and names only tests that exist."""
from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPEC_IDS = (
    [f"L-{n:02d}" for n in range(1, 42)] + ["L-09b", "L-16b", "L-18b", "state machine", "§11"]
    + [f"Q-{n:02d}" for n in range(1, 25)] + ["Q-30"]
)


def _table() -> dict[str, list[str]]:
    rows = re.findall(r"^\| ([^|]+?) \| ([^|]+?) \|$", (HERE / "README.md").read_text(), re.MULTILINE)
    return {rule: [t.strip() for t in tests.split(",")] for rule, tests in rows if rule != "id" and not rule.startswith("-")}


@functools.cache  # the table names each file many times; parse it once
def _tests_in(file: str) -> set[str]:
    tree = ast.parse((HERE / file).read_text())
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


def test_every_spec_rule_and_quirk_has_a_row():
    """Each L-nn and Q-nn of the spec maps to at least one test."""
    assert sorted(SPEC_IDS) == sorted(_table())


def test_every_named_test_exists():
    """A renamed or deleted test cannot stay in the table."""
    missing = [
        ref for refs in _table().values() for ref in refs
        if ref.split("::")[1] not in _tests_in(ref.split("::")[0])
    ]
    assert [] == missing
