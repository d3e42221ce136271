"""One gate run: validate the input, work out the scope and the suites, run every step."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from aicmo.strangler.pr_gate import steps
from aicmo.strangler.pr_gate.report import FAILED, GateReport, Issue, StepResult
from aicmo.strangler.pr_gate.suites import selected_suites
from aicmo.strangler.pr_gate.touched import Touched, touched_by

if TYPE_CHECKING:
    from aicmo.strangler.boundaries import BoundaryConfig


class GateInputError(ValueError):
    """The gate cannot run: no project configuration, no git, an unknown base."""


def _config(root: Path) -> "BoundaryConfig":
    from aicmo.strangler.boundaries import ConfigError, find_root, load_config

    try:
        return load_config(find_root(root.resolve()))
    except ConfigError as exc:
        raise GateInputError(str(exc)) from None


def _changed(root: Path, base: Optional[str]) -> tuple[str, set[str]]:
    from aicmo.strangler.ratchet.changed import ChangedFilesError, changed_files, resolve_base

    try:
        resolved = resolve_base(root, base)
        return resolved, changed_files(root, resolved)
    except ChangedFilesError as exc:
        raise GateInputError(str(exc)) from None


def _suites_because(touched: Touched, changed: Optional[set[str]]) -> str:
    if changed is None:
        return "the whole tree: every module"
    if touched.everything:
        return touched.everything_because or "every module"
    if touched.modules:
        return f"modules touched: {', '.join(sorted(touched.modules))}"
    return "only docs or CI files changed" if changed else "nothing changed"


def _guarded(name: str, step: Callable[[], StepResult]) -> StepResult:
    """A step that raises fails with the exception as its issue: the other steps still report."""
    try:
        return step()
    except Exception as exc:  # the change under check may break the code a check imports
        message = f"the {name} check crashed: {type(exc).__name__}: {exc}"
        # anchored at the project file: a crash has no location of its own
        return StepResult(name, FAILED, message, (Issue("crashed", "pyproject.toml", 1, message),))


def run_gate(root: Path, changed_only: bool, base: Optional[str], run_suites: bool = True) -> GateReport:
    """Every step on the tree at `root`; with `changed_only`, scoped to the change against the base.

    Raises GateInputError (before any step runs) when the input is unusable.
    """
    config = _config(root)
    project = config.root
    modules = tuple(config.modules)
    resolved, changed = _changed(project, base) if changed_only else (None, None)
    touched = touched_by(changed, modules, config.legacy) if changed is not None else Touched(frozenset(modules), "the whole tree")
    suite_paths = selected_suites(project, touched, modules)
    because = _suites_because(touched, changed)
    results: list[StepResult] = [
        _guarded("legacy-freeze", lambda: steps.legacy_freeze(project)),
        _guarded("contracts", lambda: steps.contracts(project)),
        _guarded("boundaries", lambda: steps.boundaries(config, changed)),
        _guarded("ownership", lambda: steps.ownership(config, changed)),
        _guarded("suites", lambda: steps.suites(project, suite_paths, run_suites, because)),
    ]
    return GateReport(tuple(results), resolved, tuple(sorted(changed or ())), tuple(suite_paths), because)
