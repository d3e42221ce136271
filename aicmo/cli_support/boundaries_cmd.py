"""`aicmo boundaries`: check the import boundaries, maintain their baseline, draw the graph."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from aicmo.cli_support.ratchet_run import (
    BaseOption,
    ChangedOption,
    FormatOption,
    RatchetFormat,
    RootOption,
    read_baseline,
    run_baseline,
    run_check,
    usage_error,
)
from aicmo.strangler.boundaries import (
    Analysis,
    BoundaryConfig,
    ConfigError,
    GraphError,
    analyse,
    find_root,
    load_config,
)
from aicmo.strangler.boundaries.mermaid import render_mermaid
from aicmo.strangler.ratchet.baseline import Baseline, BaselineFormatError, upgraded

TOOL = "boundaries"

app = typer.Typer(
    help="Module boundaries (rules 1-3): only api crosses modules, declared acyclic dependencies, legacy only via acl/.",
    epilog="Examples:\n  aicmo boundaries check\n  aicmo boundaries graph > module-graph.mmd",
    no_args_is_help=True,
    add_completion=False,
)


def _config(root: Optional[Path]) -> BoundaryConfig:
    try:
        return load_config(find_root((root or Path.cwd()).resolve()))
    except ConfigError as exc:
        usage_error(str(exc))
    raise AssertionError("unreachable")


NoCacheOption = typer.Option(
    False, "--no-cache",
    help="Neither read nor write .aicmo_cache/ (every file is read and scanned, the rules judged afresh).",
)


def _analyse(config: BoundaryConfig, use_cache: bool = True) -> Analysis:
    try:
        return analyse(config, use_cache)
    except GraphError as exc:
        usage_error(str(exc))
    raise AssertionError("unreachable")


@app.command()
def check(
    output_format: RatchetFormat = FormatOption,
    changed: bool = ChangedOption,
    base: str = BaseOption,
    root: Optional[Path] = RootOption,
    no_cache: bool = NoCacheOption,
) -> None:
    """Fail (exit 1) on an import finding not in the baseline, or a baseline entry no longer found.

    Examples:
      aicmo boundaries check
      aicmo boundaries check --changed --base main --format github
    """
    config = _config(root)
    run_check(TOOL, config.root, list(_analyse(config, not no_cache).findings), config.baseline_path, output_format, changed, base)


@app.command()
def baseline(
    prune: bool = typer.Option(False, "--prune", help="Delete baseline entries that are no longer found."),
    accept_new: bool = typer.Option(False, "--accept-new", help="Add today's new findings (needs --reason)."),
    reason: Optional[str] = typer.Option(None, "--reason", help="Why the new findings are accepted."),
    upgrade: bool = typer.Option(
        False, "--upgrade",
        help="Rewrite a baseline of an older format in today's keys (one per imported name), each entry's reason carried over.",
    ),
    root: Optional[Path] = RootOption,
) -> None:
    """Rewrite boundaries-baseline.json: --prune only deletes; adding needs --accept-new --reason; --upgrade converts an older format.

    Examples:
      aicmo boundaries baseline --prune
      aicmo boundaries baseline --accept-new --reason "billing reads delivery's table until the port lands"
      aicmo boundaries baseline --upgrade
    """
    config = _config(root)
    if upgrade:
        if prune or accept_new:
            usage_error("--upgrade runs alone: upgrade first, then --prune or --accept-new")
        _upgrade(config)
        return
    run_baseline(TOOL, lambda: list(_analyse(config).findings), config.baseline_path, prune, accept_new, reason)


@app.command()
def graph(root: Optional[Path] = RootOption) -> None:
    """Print the module graph as Mermaid: baselined edges dashed, new violations thick.

    Examples:
      aicmo boundaries graph > module-graph.mmd
    """
    config = _config(root)
    baselined = read_baseline(config.baseline_path, TOOL).keys
    sys.stdout.write(render_mermaid(_analyse(config), baselined))


def _upgrade(config: BoundaryConfig) -> None:
    """Only what was accepted stays accepted: a finding no old entry covers is left new."""
    try:
        old = Baseline.read(config.baseline_path, TOOL, any_version=True)
    except BaselineFormatError as exc:
        usage_error(str(exc))
    analysis = _analyse(config)
    updated, dropped = upgraded(old, analysis.findings, analysis.former_keys)
    updated.write(config.baseline_path)
    print(f"{config.baseline_path.name}: {len(old.entries)} entries became {len(updated.entries)}; "
          f"{len(dropped)} matched no finding and were dropped")
    for entry in dropped:
        print(f"  dropped: {entry.key}")
