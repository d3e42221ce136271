"""The command table: every command it names loads and helps, its one-line help is the command's own,
and every command of the package is in it (a new one cannot be forgotten)."""
from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
import typer
from typer.models import ParameterInfo
from typer.testing import CliRunner

import aicmo.cli_support
from aicmo.cli import app
from aicmo.cli_support.command_registry import COMMANDS
from aicmo.cli_support.lazy_group import LazyCommands


@pytest.mark.parametrize("entry", COMMANDS, ids=[entry.name for entry in COMMANDS])
def test_every_registered_command_loads_and_prints_its_help(entry):
    shown = CliRunner().invoke(app, [entry.name, "--help"])
    assert 0 == shown.exit_code, shown.output
    assert "Usage:" in shown.output and entry.name in shown.output


def _help(group, context, capsys) -> str:
    """The group's help as `aicmo --help` prints it (Typer's rich help goes straight to stdout)."""
    capsys.readouterr()
    returned = group.get_help(context)
    return returned + capsys.readouterr().out


def test_the_help_listed_from_the_table_is_the_help_of_the_loaded_commands(capsys):
    group = typer.main.get_command(app)
    with typer.Context(group, info_name="aicmo") as context:
        assert isinstance(group.commands, LazyCommands)
        assert not any(group.commands.is_loaded(entry.name) for entry in COMMANDS)
        from_the_table = _help(group, context, capsys)
        for name in group.list_commands(context):
            group.commands[name]  # loads it
        assert all(group.commands.is_loaded(entry.name) for entry in COMMANDS)
        from_the_commands = _help(group, context, capsys)
    assert all(entry.name in from_the_table for entry in COMMANDS)
    assert from_the_commands == from_the_table


def test_the_root_command_registers_nothing_eagerly():
    assert [] == app.registered_commands
    assert [] == app.registered_groups


def test_an_unknown_command_is_refused_with_a_suggestion():
    shown = CliRunner().invoke(app, ["rn"])
    assert 2 == shown.exit_code
    assert "No such command 'rn'" in shown.output and "'run'" in shown.output


def _commands_defined_in(module) -> set[str]:
    """'module:attribute' of the Typer apps and the command functions (their parameters are Typer options or
    arguments) a module defines at its top level, leaving out the functions one of its apps registered."""
    found, registered = set(), set()
    for attribute, value in vars(module).items():
        if isinstance(value, typer.Typer):
            found.add(f"{module.__name__}:{attribute}")
            registered |= {info.callback for info in value.registered_commands}
            if value.registered_callback is not None:
                registered.add(value.registered_callback.callback)
    for attribute, value in vars(module).items():
        if inspect.isfunction(value) and value.__module__ == module.__name__ and value not in registered:
            defaults = [p.default for p in inspect.signature(value).parameters.values()]
            if any(isinstance(default, ParameterInfo) for default in defaults):
                found.add(f"{module.__name__}:{attribute}")
    return found


def test_every_command_of_the_package_is_in_the_table():
    defined = set()
    for module in pkgutil.iter_modules(aicmo.cli_support.__path__, "aicmo.cli_support."):
        defined |= _commands_defined_in(importlib.import_module(module.name))
    assert sorted(defined) == sorted({entry.target for entry in COMMANDS})
