"""The `aicmo` command: run the client journey and the acquisition run, and operate the migration.

Each subcommand lives in its own module under `aicmo.cli_support` and is imported only when it
is used (see `aicmo.cli_support.command_registry`): starting the command, or asking for its
help, costs Typer and nothing of the application. Input is validated before the database or the
output folder is touched: bad input prints one line naming the file and the field and exits with
code 2. A failure inside a run exits 1.
"""
from __future__ import annotations

import logging
import os

import typer

from aicmo.cli_support.command_registry import COMMANDS
from aicmo.cli_support.lazy_group import lazy_group

# The shell asks for completions by running `aicmo` with _AICMO_COMPLETE set (the script
# `_AICMO_COMPLETE=source_bash aicmo` prints does so): only then are Typer's completion classes
# registered, so an ordinary start imports none of them.
if "_AICMO_COMPLETE" in os.environ:
    from typer.completion import completion_init

    completion_init()

app = typer.Typer(
    cls=lazy_group(COMMANDS),
    help="AICMO: the back office of a software-run marketing agency.",
    epilog="Examples:\n  aicmo demo\n  aicmo migrate status\n  aicmo migrate promote qc --reason \"shadow the new QC\"\n  aicmo --version",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(asked: bool) -> None:
    """--version: the installed package's version (its metadata, so it matches what pip installed)."""
    if asked:
        from importlib.metadata import version

        typer.echo(f"aicmo {version('aicmo')}")
        raise typer.Exit(0)


@app.callback()
def main(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show informational log lines too."),
    show_version: bool = typer.Option(
        False, "--version", is_eager=True, callback=_print_version, help="Print the version and exit."
    ),
) -> None:
    """AICMO: the back office of a software-run marketing agency."""
    from rich.logging import RichHandler

    from aicmo.cli_support.run_support import err_console

    handler = RichHandler(console=err_console, show_time=False, show_path=False)
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, handlers=[handler], format="%(message)s", force=True)


if __name__ == "__main__":  # pragma: no cover
    app()
