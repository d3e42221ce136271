"""`aicmo ownership`: check writes to tables of other modules, maintain their baseline."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from aicmo.cli_support.ratchet_run import (
    BaseOption,
    ChangedOption,
    FormatOption,
    RatchetFormat,
    RootOption,
    run_baseline,
    run_check,
    usage_error,
)
from aicmo.strangler.boundaries import BoundaryConfig, ConfigError, find_root, load_config

TOOL = "ownership"


def _findings(config: BoundaryConfig) -> list:
    # imported here: `aicmo --help` and the other commands need not load the source analysis
    from aicmo.strangler.ownership import check

    return check(config)

app = typer.Typer(
    help="Data ownership (rule 5): a module writes only the tables it owns.",
    epilog="Examples:\n  aicmo ownership check\n  aicmo ownership baseline --prune",
    no_args_is_help=True,
    add_completion=False,
)


def _config(root: Optional[Path]) -> tuple[BoundaryConfig, Path]:
    try:
        config = load_config(find_root((root or Path.cwd()).resolve()))
    except ConfigError as exc:
        usage_error(str(exc))
        raise AssertionError("unreachable") from None
    return config, config.root / config.ownership.get("baseline", "ownership-baseline.json")


@app.command()
def check(
    output_format: RatchetFormat = FormatOption,
    changed: bool = ChangedOption,
    base: str = BaseOption,
    root: Optional[Path] = RootOption,
) -> None:
    """Fail (exit 1) on a write to another module's table not in the baseline, or a stale entry.

    Examples:
      aicmo ownership check
      aicmo ownership check --format json
    """
    config, baseline_path = _config(root)
    run_check(TOOL, config.root, _findings(config), baseline_path, output_format, changed, base)


@app.command()
def baseline(
    prune: bool = typer.Option(False, "--prune", help="Delete baseline entries that are no longer found."),
    accept_new: bool = typer.Option(False, "--accept-new", help="Add today's new findings (needs --reason)."),
    reason: Optional[str] = typer.Option(None, "--reason", help="Why the new findings are accepted."),
    root: Optional[Path] = RootOption,
) -> None:
    """Rewrite ownership-baseline.json: --prune only deletes; adding needs --accept-new --reason.

    Examples:
      aicmo ownership baseline --prune
      aicmo ownership baseline --accept-new --reason "reporting writes its cache table until it moves"
    """
    config, baseline_path = _config(root)
    run_baseline(TOOL, lambda: _findings(config), baseline_path, prune, accept_new, reason)
