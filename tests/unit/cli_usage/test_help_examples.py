"""Every command's `--help` ends with examples, one of which runs that very command, and its first
paragraph stays the line `aicmo --help` lists for it."""
from __future__ import annotations

import inspect

import pytest
import typer
from typer.testing import CliRunner

from aicmo.cli import app
from aicmo.cli_support.command_registry import COMMANDS
from aicmo.cli_support.lazy_group import load_command
from tests.unit.cli_usage.command_tree import command_paths

runner = CliRunner()
PATHS = command_paths()


def rendered_help(application: typer.Typer, words: tuple[str, ...]) -> str:
    shown = runner.invoke(application, [*words, "--help"], env={"COLUMNS": "250"}, prog_name="aicmo")
    assert 0 == shown.exit_code, shown.output
    return shown.stdout


def examples(help_text: str) -> list[str]:
    """The lines after the help's "Examples:" heading, up to the next blank line."""
    lines = [line.strip() for line in help_text.splitlines()]
    if "Examples:" not in lines:
        return []
    following = lines[lines.index("Examples:") + 1:]
    return following[:following.index("")] if "" in following else following


def lacks_its_example(words: tuple[str, ...], help_text: str) -> bool:
    """No example starts with the command's own words (`aicmo migrate status` for migrate status)."""
    command = " ".join(("aicmo", *words))
    return not any(line == command or line.startswith(command + " ") for line in examples(help_text))


def test_the_tree_reaches_every_registered_command_and_their_subcommands():
    assert {(entry.name,) for entry in COMMANDS} <= set(PATHS)
    assert ("migrate", "history") in PATHS and ("contracts", "docs") in PATHS and () in PATHS


@pytest.mark.parametrize("words", PATHS, ids=[" ".join(p) or "aicmo" for p in PATHS])
def test_every_command_shows_an_example_of_itself(words):
    assert not lacks_its_example(words, rendered_help(app, words)), f"`aicmo {' '.join(words)} --help` has no example of itself"


def test_a_help_without_examples_or_with_another_commands_example_is_caught():
    """The check above fails a command with no Examples block, and one whose examples name another command."""
    planted = typer.Typer(add_completion=False)

    @planted.command()
    def status() -> None:
        """Show the status.

        Examples:
          aicmo migrate history qc
        """

    @planted.command()
    def history() -> None:
        """Show the history."""

    assert lacks_its_example(("status",), rendered_help(planted, ("status",)))
    assert lacks_its_example(("history",), rendered_help(planted, ("history",)))
    assert not lacks_its_example(("migrate", "history"), rendered_help(planted, ("status",)))


@pytest.mark.parametrize("entry", COMMANDS, ids=[entry.name for entry in COMMANDS])
def test_the_first_paragraph_of_a_commands_help_is_its_registered_line(entry):
    """The examples come after it: the line `aicmo --help` lists from the table is still the command's own."""
    command = load_command(entry, "rich")
    first = inspect.cleandoc(command.help or "").split("\n\n")[0].replace("\n", " ")
    assert entry.help == first
