"""`aicmo check`: the PR gate, every check a migration PR must pass in one run and one report."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

EXIT_USAGE = 2


class GateFormat(str, Enum):
    """The report's formats (aicmo.strangler.pr_gate.report.RENDERERS)."""

    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


err = Console(stderr=True, highlight=False, soft_wrap=True)


def _usage_error(message: str) -> None:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(EXIT_USAGE)


def check(
    changed: bool = typer.Option(
        False, "--changed", help="Scope the checks to the files changed against the merge base, and run only the touched modules' suites.",
    ),
    base: Optional[str] = typer.Option(
        None, "--base", help="The ref --changed compares with (default: origin/HEAD, origin/main or main, the first that exists).",
    ),
    output_format: GateFormat = typer.Option(
        GateFormat.text, "--format", case_sensitive=False,
        help="text (for people), json (one sorted document), github (workflow annotations) or sarif (SARIF 2.1.0).",
    ),
    sarif: Optional[Path] = typer.Option(None, "--sarif", help="Also write the report as SARIF 2.1.0 to this file (for code scanning)."),
    no_suites: bool = typer.Option(False, "--no-suites", help="Skip the test suites (the fast checks only, e.g. in a pre-commit hook)."),
    root: Optional[Path] = typer.Option(None, "--root", help="The repository root (default: the nearest pyproject.toml)."),
) -> None:
    """Run the PR gate: legacy freeze, contracts, boundaries, ownership and the touched modules' suites.

    The suites are the characterization and port contract suites of the modules the change touches: all of them when shared code or legacy changed, none when only docs changed.

    Exit 0 all passed, 1 a check failed, 2 bad input or the gate could not run (no git, an unknown --base).

    Examples:
      aicmo check --changed
      aicmo check --changed --no-suites
      aicmo check --changed --base origin/release --format json
      aicmo check --changed --format github --sarif aicmo-check.sarif
    """
    if base is not None and not changed:
        _usage_error("--base names what --changed compares with: add --changed")
    if sarif is not None and not sarif.resolve().parent.is_dir():
        _usage_error(f"--sarif {sarif}: its folder does not exist")
    from aicmo.strangler.pr_gate import GateInputError, run_gate
    from aicmo.strangler.pr_gate.report import RENDERERS, render_sarif

    try:
        report = run_gate((root or Path.cwd()), changed, base, run_suites=not no_suites)
    except GateInputError as exc:
        _usage_error(str(exc))
        raise AssertionError("unreachable") from None
    sys.stdout.write(RENDERERS[output_format.value](report))
    if sarif is not None:
        sarif.write_text(render_sarif(report), encoding="utf-8")
    raise typer.Exit(report.exit_code)
