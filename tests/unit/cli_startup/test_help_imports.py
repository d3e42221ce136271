"""`aicmo --help` imports Typer and the command table, none of the commands nor what they stand on."""
from __future__ import annotations

import pytest

from aicmo.cli_support.command_registry import COMMANDS
from aicmo.cli_support.import_probe import among, command_imports
from tests.unit.cli_startup.conftest import NOT_AT_START, child_env


@pytest.mark.parametrize("args", [["--help"], [], ["--version"]], ids=["help", "no-arguments", "version"])
def test_starting_the_command_imports_none_of_the_commands(args):
    started = command_imports(args, env=child_env())
    assert started.returncode in (0, 2), started.stderr  # no arguments: the help, exit 2 as Click does
    assert started.modules, "the child wrote no module names"
    assert [] == among(started.modules, NOT_AT_START)


def test_the_help_lists_every_command_from_the_table():
    shown = command_imports(["--help"], env=child_env())
    assert 0 == shown.returncode
    for entry in COMMANDS:
        assert f" {entry.name} " in shown.stdout


def test_an_eager_import_of_a_command_is_caught():
    """The planted fault: the contracts command imported at start-up (as `from ... import app` at the top of
    aicmo/cli.py would) is what the check above reports."""
    started = command_imports(["--help"], env=child_env(), also_import=["aicmo.cli_support.contracts_cmd"])
    assert 0 == started.returncode
    caught = among(started.modules, NOT_AT_START)
    assert "aicmo.cli_support.contracts_cmd" in caught
    assert "aicmo.strangler.contract_versions" in caught
    assert "aicmo.shared.events" in caught
