"""Every command of `aicmo` by the words that name it, the root first, loaded through the lazy group."""
from __future__ import annotations

import typer
from typer import _click
from typer.core import TyperGroup

from aicmo.cli import app


def command_paths(application: typer.Typer = app) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []

    def walk(command: _click.Command, words: tuple[str, ...]) -> None:
        found.append(words)
        if isinstance(command, TyperGroup):
            with _click.core.Context(command) as context:
                for name in command.list_commands(context):
                    walk(command.get_command(context, name), (*words, name))

    walk(typer.main.get_command(application), ())
    return found
