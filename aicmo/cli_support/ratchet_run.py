"""The check and baseline commands shared by `aicmo boundaries` and `aicmo ownership`.

Exit codes: 0 passed (baselined findings are warnings), 1 a new finding or a stale baseline
entry, 2 a usage or configuration error.
"""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Callable, Optional

import typer
from rich.console import Console
from rich.markup import escape

from aicmo.strangler.ratchet.baseline import Baseline, BaselineFormatError, compare
from aicmo.strangler.ratchet.changed import ChangedFilesError, changed_files
from aicmo.strangler.ratchet.finding import Finding
from aicmo.strangler.ratchet.formats import FORMATS, RENDERERS

EXIT_FAILED = 1
EXIT_USAGE = 2

err = Console(stderr=True, highlight=False, soft_wrap=True)

# a fixed choice (help lists it, the shell completes it); a str enum, so the renderers' keys find it
RatchetFormat = Enum("RatchetFormat", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]
FormatOption = typer.Option(RatchetFormat.text, "--format", case_sensitive=False, help=f"Output format: {', '.join(FORMATS)}.")
ChangedOption = typer.Option(False, "--changed", help="Only files changed against the merge base with --base.")
BaseOption = typer.Option(
    None, "--base",
    help="The branch whose merge base --changed compares with (default: origin/HEAD, origin/main or main, the first that exists).",
)
RootOption = typer.Option(None, "--root", help="The repository root (default: the nearest pyproject.toml).")


def usage_error(message: str) -> None:
    err.print(f"[bold red]error:[/] {escape(message)}")  # messages name TOML tables: [tool.aicmo] is not markup
    raise typer.Exit(EXIT_USAGE)


def read_baseline(path: Path, tool: str) -> Baseline:
    try:
        return Baseline.read(path, tool)
    except BaselineFormatError as exc:
        usage_error(str(exc))
    raise AssertionError("unreachable")


def run_check(tool: str, root: Path, findings: list[Finding], baseline_path: Path,
              output_format: str, changed: bool, base: Optional[str]) -> None:
    if output_format not in RENDERERS:
        usage_error(f"--format must be one of {', '.join(FORMATS)}")
    scope: Optional[set[str]] = None
    if changed:
        try:
            scope = changed_files(root, base)
        except ChangedFilesError as exc:
            usage_error(str(exc))
    verdict = compare(findings, read_baseline(baseline_path, tool), scope)
    sys.stdout.write(RENDERERS[output_format](tool, verdict))
    if not verdict.passed:
        raise typer.Exit(EXIT_FAILED)


def run_baseline(tool: str, findings: Callable[[], list[Finding]], baseline_path: Path,
                 prune: bool, accept_new: bool, reason: Optional[str]) -> None:
    """--prune deletes stale entries only; --accept-new adds the new findings with a reason."""
    if not prune and not accept_new:
        usage_error("say --prune (delete stale entries) and/or --accept-new --reason '...' (add new findings)")
    if accept_new and not (reason or "").strip():
        usage_error("--accept-new needs --reason '...': the baseline only grows with a stated reason")
    current = read_baseline(baseline_path, tool)
    verdict = compare(findings(), current)
    updated = current
    if prune:
        updated = updated.pruned(verdict.stale)
    if accept_new:
        updated = updated.accepting(verdict.new, reason or "")
    updated.write(baseline_path)
    removed = len(verdict.stale) if prune else 0
    added = len(verdict.new) if accept_new else 0
    print(f"{baseline_path.name}: {added} added, {removed} pruned, {len(updated.entries)} entries")
    if verdict.new and not accept_new:
        err.print(f"{len(verdict.new)} new finding(s) not added: they need --accept-new --reason '...'")
        raise typer.Exit(EXIT_FAILED)
