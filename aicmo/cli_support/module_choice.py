"""MODULE arguments: one of the ten business modules, checked while the command line is parsed.

A name that is not a module is refused before the command's body runs (so before any database
is opened or any file written) with one line listing the modules, exit code 2. The shell
completes the names. The list is `aicmo.shared.modules.MODULES`, which imports nothing else:
completing a name costs no application code.
"""
from __future__ import annotations

from typing import Any, Optional, Union

import typer

from aicmo.shared.modules import MODULES

__all__ = ["EXIT_BAD_INPUT", "complete_module", "module_argument", "unknown_modules_message"]

EXIT_BAD_INPUT = 2


def unknown_modules_message(names: list[str]) -> str:
    quoted = ", ".join(f"'{name}'" for name in names)
    return f"unknown module {quoted}; modules are {', '.join(MODULES)}"


def complete_module(incomplete: str) -> list[str]:
    """The modules whose name starts with what was typed, in the declared order."""
    return [module for module in MODULES if module.startswith(incomplete)]


def _known(ctx: typer.Context, value: Union[None, str, list[str], tuple[str, ...]]) -> Any:
    if ctx.resilient_parsing:  # completing the command line: nothing is run, nothing refused
        return value
    given = [] if value is None else [value] if isinstance(value, str) else list(value)
    unknown = [name for name in given if name not in MODULES]
    if unknown:
        typer.echo(f"error: {unknown_modules_message(unknown)}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    return value


def module_argument(default: Any = ..., *, help: str = "The business module.", metavar: Optional[str] = "MODULE") -> Any:
    """A Typer argument that takes module names only (one, an optional one, or several)."""
    return typer.Argument(
        default, metavar=metavar, help=f"{help} One of: {', '.join(MODULES)}.", callback=_known, autocompletion=complete_module, show_default=False,
    )
