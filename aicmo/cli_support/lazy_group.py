"""A Typer group whose subcommands are imported when used, not when the command starts.

The group's ``commands`` is a mapping that knows every registered name but imports a command's
module only when that command is looked up (to run it, or to print its own `--help`). The
group's help lists the commands from the registry's one-line help, so `aicmo --help` imports
none of them. Unknown names, "did you mean" suggestions and the listing order behave as in a
plain Typer group, since they all read the same mapping.
"""
from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping
from typing import Any, Callable, Optional, Sequence

import typer
from typer import _click
from typer.core import TyperCommand, TyperGroup

from aicmo.cli_support.command_registry import CommandEntry

__all__ = ["LazyCommands", "lazy_group", "load_command"]


def load_command(entry: CommandEntry, rich_markup_mode: Any, pretty_exceptions_short: bool = True) -> _click.Command:
    """The entry's click command, built the way `add_typer` / `app.command(name)` build it."""
    target = getattr(importlib.import_module(entry.module), entry.attribute)
    if isinstance(target, typer.Typer):
        command: _click.Command = typer.main.get_group(target)
    else:
        holder = typer.Typer()
        holder.command(entry.name)(target)
        command = typer.main.get_command_from_info(
            holder.registered_commands[0],
            pretty_exceptions_short=pretty_exceptions_short,
            rich_markup_mode=rich_markup_mode,
        )
    command.name = entry.name
    return command


class LazyCommands(MutableMapping):
    """name -> click command; the registered ones are imported on first lookup and kept."""

    def __init__(self, loaded: MutableMapping[str, _click.Command], entries: Sequence[CommandEntry],
                 load: Callable[[CommandEntry], _click.Command]) -> None:
        self._loaded = dict(loaded)
        self._entries = {entry.name: entry for entry in entries}
        self._load = load

    def is_loaded(self, name: str) -> bool:
        return name in self._loaded

    def entry(self, name: str) -> Optional[CommandEntry]:
        return self._entries.get(name)

    def __getitem__(self, name: str) -> _click.Command:
        if name not in self._loaded:
            entry = self._entries[name]  # KeyError for an unknown name, as a dict
            self._loaded[name] = self._load(entry)
        return self._loaded[name]

    def __setitem__(self, name: str, command: _click.Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        self._loaded.pop(name, None)
        self._entries.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        yield from self._entries
        yield from (name for name in self._loaded if name not in self._entries)

    def __len__(self) -> int:
        return len(set(self._entries) | set(self._loaded))

    def __contains__(self, name: object) -> bool:
        return name in self._entries or name in self._loaded


def lazy_group(entries: Sequence[CommandEntry]) -> type[TyperGroup]:
    """A TyperGroup class (for ``typer.Typer(cls=...)``) with ``entries`` as its lazily imported commands."""

    class LazyGroup(TyperGroup):
        def __init__(self, **attrs: Any) -> None:
            super().__init__(**attrs)
            self.commands = LazyCommands(self.commands, entries, self._load)
            self._listing = False

        def _load(self, entry: CommandEntry) -> _click.Command:
            return load_command(entry, self.rich_markup_mode)

        def list_commands(self, ctx: _click.Context) -> list[str]:
            return list(self.commands)  # the names only: listing imports nothing

        def get_command(self, ctx: _click.Context, cmd_name: str) -> Optional[_click.Command]:
            commands = self.commands
            if self._listing and isinstance(commands, LazyCommands) and not commands.is_loaded(cmd_name):
                entry = commands.entry(cmd_name)
                if entry is not None:
                    # what the listing reads of a command: its name and its one line of help
                    return TyperCommand(name=entry.name, help=entry.help, rich_markup_mode=self.rich_markup_mode)
            return commands.get(cmd_name)

        def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
            self._listing = True
            try:
                return super().format_help(ctx, formatter)
            finally:
                self._listing = False

        def main(self, *args: Any, **kwargs: Any) -> Any:
            try:
                return super().main(*args, **kwargs)
            except Exception as exc:
                # a command reads the project's configuration as it loads: a bad one is bad input
                from aicmo.shared.config_file import ProjectConfigError

                if not isinstance(exc, ProjectConfigError):
                    raise
                typer.echo(f"error: {exc}", err=True)
                raise SystemExit(2) from None

    return LazyGroup
