"""`aicmo migrate`: the status of every module's migration, and the audited route changes.

Exit codes: 0 done, 1 refused (a closed gate, an illegal step, a module without a new
implementation, an unconfirmed or unready deletion, a tenant sent to new ahead of its module;
one line says why), 2 bad input (an unknown module or divergence, an empty reason or tenant, a
rollout outside 0-100, a tenant sent to deleted, a malformed database URL, a gate setting below
its configured floor; checked before the database is opened, so nothing is written), 3 the
database failed. Each change is one transaction that locks what it
changes before reading it (see aicmo.strangler.migration.route_lock), so concurrent commands
apply one after the other.
The strangler's tables live in the application's database: a change may migrate an embedded
SQLite database first; `status` and `report` never create or migrate anything.
"""
from __future__ import annotations

import getpass
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import typer
from rich.console import Console
from rich.table import Table

from aicmo.cli_support.module_choice import module_argument
from aicmo.cli_support.output_format import FormatOption, OutputFormat, write_document

EXIT_REFUSED = 1
EXIT_BAD_INPUT = 2
EXIT_DATABASE_FAILED = 3

app = typer.Typer(
    help="Migrate modules legacy -> shadow -> new -> deleted, gated by evidence and audited.",
    epilog="Examples:\n  aicmo migrate status\n  aicmo migrate promote qc --reason \"shadow the new QC\"\n  aicmo migrate history qc --format json",
    no_args_is_help=True,
    add_completion=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DatabaseUrl = typer.Option(
    "sqlite:///aicmo.db", "--database-url", envvar="AICMO_DATABASE_URL", help="SQLAlchemy database URL."
)
Reason = typer.Option(..., "--reason", help="Why: written to the audit trail.")
Who = typer.Option(None, "--who", help="Who makes the change (default: the OS user).")
Module = module_argument()


def _fail(message: str, code: int) -> None:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


def _who(who: Optional[str]) -> str:
    if who:
        return who
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment (a container without passwd entry)
        return "unknown"


def _sessions(url: str, *, writes: bool = True) -> Any:
    """The strangler's sessions: a change may migrate an embedded SQLite database first; a read never does."""
    from aicmo.cli_support.database import DatabaseProblem, strangler_for_reading, strangler_for_writing

    try:
        return strangler_for_writing(url) if writes else strangler_for_reading(url)
    except DatabaseProblem as exc:
        _fail(str(exc), EXIT_BAD_INPUT)


@contextmanager
def _refusals() -> Iterator[None]:
    """Turn the machinery's refusals into one line and the documented exit code."""
    from sqlalchemy.exc import SQLAlchemyError

    from aicmo.strangler.migration import ChangeRefused, InvalidChange, UnknownModule
    from aicmo.strangler.routes import IllegalTransition

    try:
        yield
    except (UnknownModule, InvalidChange) as exc:
        _fail(str(exc), EXIT_BAD_INPUT)
    except (ChangeRefused, IllegalTransition) as exc:
        _fail(str(exc), EXIT_REFUSED)
    except SQLAlchemyError as exc:
        _fail(f"database error: {str(exc).splitlines()[0]}", EXIT_DATABASE_FAILED)


def _change(database_url: str, apply: Callable[[Any, Any], Any]) -> Any:
    """One change in one transaction that holds the write lock from its start (see the module docstring)."""
    from aicmo.shared.clock import SystemClock
    from aicmo.strangler.schema import strangler_change_sessions

    with _refusals():
        sessions = strangler_change_sessions(_sessions(database_url).kw["bind"])
        with sessions.begin() as session:
            return apply(session, SystemClock())


def _reason(reason: str) -> str:
    if not reason.strip():
        _fail("--reason must say why", EXIT_BAD_INPUT)
    return reason


def _valid(check: Callable[..., None], *args: Any) -> None:
    """Run one of the library's input checks before any database is opened: bad input writes nothing,
    not even a fresh SQLite file."""
    with _refusals():
        check(*args)


@app.command()
def status(database_url: str = DatabaseUrl, output_format: OutputFormat = FormatOption) -> None:
    """Each module's route, rollout, shadow comparisons, mismatch rate and last change.

    --format json: {"kill_switch": bool, "modules": [{"module", "route", "rollout_percent",
    "comparisons", "mismatches", "mismatch_rate", "last_change": null or {"at", "from", "to",
    "who", "why"}}]}.

    Examples:
      aicmo migrate status
      aicmo migrate status --format json
    """
    from aicmo.strangler.migration import migration_status, status_document
    from aicmo.strangler.migration.report import mismatch_cell

    with _refusals():
        with _sessions(database_url, writes=False)() as session:
            kill_switch, statuses = migration_status(session)
    if output_format is OutputFormat.json:
        write_document(status_document(kill_switch, statuses))
        return
    table = Table("module", "route", "rollout", "comparisons", "mismatch rate", "last change")
    for s in statuses:
        rate = mismatch_cell(s).replace("–", "-")
        when = s.last_change_at.strftime("%Y-%m-%d %H:%M UTC ") if s.last_change_at else ""
        table.add_row(s.module, s.route, f"{s.rollout_percent}%", str(s.comparisons), rate, when + s.last_change)
    out.print(table)
    if kill_switch:
        out.print("[bold red]kill switch engaged[/]: every module with legacy code runs on legacy")


def _policy(requested_min_comparisons: Optional[int]) -> Any:
    """The promotion policy: implemented modules from the composition root, the configured gate, the running commit."""
    from aicmo.orchestration.bootstrap import NEW_IMPLEMENTATIONS
    from aicmo.strangler.evidence.code_version import code_commit
    from aicmo.strangler.migration import PromotionPolicy
    from aicmo.strangler.migration.gate_settings import GateSettingRefused, configured_min_comparisons, min_comparisons

    try:
        needed = min_comparisons(requested_min_comparisons, configured_min_comparisons())
    except GateSettingRefused as exc:
        _fail(str(exc), EXIT_BAD_INPUT)
    return PromotionPolicy(implemented=frozenset(NEW_IMPLEMENTATIONS), min_comparisons=needed, commit=code_commit())


def _deletion_blockers(module: str) -> list[str]:
    """What still needs the module's legacy code, from the deletion checklist of the running code."""
    from aicmo.strangler.deletion_checklist import read_checklist

    checklist = read_checklist(Path(__file__).resolve().parents[2])
    found = [f"still imported by {p}" for p in checklist.importers.get(module, [])]
    found += [f"fixture {p} imports it" for p in checklist.fixtures.get(module, [])]
    found += [f"checklist finding: {f}" for f in checklist.findings if f"legacy code of {module}" in f or f"'{module}'" in f]
    return found


@app.command()
def promote(
    module: str = Module,
    reason: str = Reason,
    who: Optional[str] = Who,
    min_comparisons: Optional[int] = typer.Option(
        None, "--min-comparisons", min=1,
        help="Shadow comparisons the gate needs: the configured floor (AICMO_GATE_MIN_COMPARISONS, [tool.aicmo.gate]) or more."),
    confirm: bool = typer.Option(False, "--confirm", help="Confirm new -> deleted (the legacy path goes for good)."),
    database_url: str = DatabaseUrl,
) -> None:
    """Move MODULE one step forward; shadow -> new only through the evidence gate, new -> deleted only confirmed and ready.

    Examples:
      aicmo migrate promote qc --reason "shadow the new QC"
      aicmo migrate promote qc --reason "gate green" --min-comparisons 500
      aicmo migrate promote qc --confirm --reason "legacy QC retired"
    """
    from aicmo.strangler.migration import check_module, current_route, promote_module

    _valid(check_module, module)
    _reason(reason)
    policy = _policy(min_comparisons)
    blockers = _deletion_blockers(module) if confirm else None

    def apply(session: Any, clock: Any) -> str:
        before = current_route(session, module).value
        after = promote_module(session, clock, module, _who(who), reason, policy=policy, confirm_deletion=confirm,
                               deletion_blockers=blockers).value
        return f"{module}: {before} -> {after}"

    out.print(_change(database_url, apply))


@app.command()
def rollback(module: str = Module, reason: str = Reason, who: Optional[str] = Who, database_url: str = DatabaseUrl) -> None:
    """Move MODULE one step back.

    Examples:
      aicmo migrate rollback qc --reason "invoice mismatches"
    """
    from aicmo.strangler.migration import check_module, current_route, rollback_module

    _valid(check_module, module)
    _reason(reason)

    def apply(session: Any, clock: Any) -> str:
        before = current_route(session, module).value
        after = rollback_module(session, clock, module, _who(who), reason).value
        return f"{module}: {before} -> {after}"

    out.print(_change(database_url, apply))


@app.command()
def rollout(
    module: str = Module,
    percent: int = typer.Argument(..., metavar="PERCENT", help="Share of tenants on the module's route (0-100)."),
    reason: str = Reason,
    who: Optional[str] = Who,
    database_url: str = DatabaseUrl,
) -> None:
    """Give MODULE's route to PERCENT % of tenants (by a stable hash); the rest stay one step behind.

    Examples:
      aicmo migrate rollout qc 25 --reason "a quarter of the tenants first"
    """
    from aicmo.strangler.migration import check_rollout, set_rollout

    _valid(check_rollout, module, percent)
    _reason(reason)
    _change(database_url, lambda session, clock: set_rollout(session, clock, module, percent, _who(who), reason))
    out.print(f"{module}: rollout {percent}%")


@app.command()
def override(
    module: str = Module,
    tenant: str = typer.Argument(..., metavar="TENANT"),
    route: str = typer.Argument(..., metavar="ROUTE", help="legacy, shadow, new, or none to remove the override."),
    reason: str = Reason,
    who: Optional[str] = Who,
    database_url: str = DatabaseUrl,
) -> None:
    """Pin one TENANT of MODULE to a ROUTE (never past the module's gate).

    Examples:
      aicmo migrate override qc acme legacy --reason "acme is mid-audit"
      aicmo migrate override qc acme none --reason "audit over"
    """
    from aicmo.strangler.migration import check_override, set_tenant_override
    from aicmo.strangler.routes import Route

    _reason(reason)
    routes = {r.value: r for r in Route}
    if route != "none" and route not in routes:
        _fail(f"ROUTE must be one of {', '.join(routes)} or none, not '{route}'", EXIT_BAD_INPUT)
    target = routes.get(route)
    _valid(check_override, module, tenant, target)
    _change(database_url, lambda session, clock: set_tenant_override(session, clock, module, tenant, target, _who(who), reason))
    out.print(f"{module}: tenant {tenant} -> {route}")


@app.command("kill-switch")
def kill_switch(
    state: str = typer.Argument(..., metavar="on|off"),
    reason: str = Reason,
    who: Optional[str] = Who,
    database_url: str = DatabaseUrl,
) -> None:
    """on: every module that still has legacy code runs on legacy, from the next unit of work.

    Examples:
      aicmo migrate kill-switch on --reason "incident 42"
      aicmo migrate kill-switch off --reason "incident 42 resolved"
    """
    from aicmo.strangler.migration import set_kill_switch

    _reason(reason)
    if state not in ("on", "off"):
        _fail(f"the kill switch is on or off, not '{state}'", EXIT_BAD_INPUT)
    _change(database_url, lambda session, clock: set_kill_switch(session, clock, state == "on", _who(who), reason))
    out.print(f"kill switch {state}")


@app.command()
def diverge(
    module: str = Module,
    name: str = typer.Argument(..., metavar="NAME", help="The divergence's name, as the module's new implementation tags mismatches."),
    reason: str = Reason,
    who: Optional[str] = Who,
    withdraw: bool = typer.Option(False, "--withdraw", help="Take the declaration back: its mismatches block the gate again."),
    database_url: str = DatabaseUrl,
) -> None:
    """Declare (or --withdraw) an intended difference of MODULE's new path; mismatches tagged NAME stop blocking the gate.

    Examples:
      aicmo migrate diverge qc NAME --reason "the new path rounds scores half-up"
      aicmo migrate diverge qc NAME --withdraw --reason "fixed in the new path"
    """
    from aicmo.orchestration.bootstrap import DESCRIPTORS
    from aicmo.strangler.evidence import EvidenceError, EvidenceRecorder
    from aicmo.strangler.evidence.recording import check_divergence
    from aicmo.strangler.migration import check_module

    _valid(check_module, module)
    _reason(reason)
    descriptor = DESCRIPTORS.get(module)
    known = descriptor.divergences if descriptor is not None else {}
    if not withdraw:
        try:
            check_divergence(module, name, reason, known)
        except EvidenceError as exc:  # before the database is opened: bad input writes nothing
            _fail(str(exc), EXIT_BAD_INPUT)
    with _refusals():
        try:
            recorder = EvidenceRecorder(_sessions(database_url))
            if withdraw:
                recorder.withdraw_divergence(module, name, reason, _who(who))
            else:
                recorder.declare_divergence(module, name, reason, _who(who), known=known)
        except EvidenceError as exc:
            _fail(str(exc), EXIT_BAD_INPUT)
    out.print(f"{module}: divergence {name} {'withdrawn' if withdraw else 'declared'}")


@app.command()
def history(module: str = Module, database_url: str = DatabaseUrl, output_format: OutputFormat = FormatOption) -> None:
    """MODULE's audit trail, oldest first: every route, rollout, override and divergence change (and the
    kill switch's), who made it and why, with the evidence its gate saw.

    --format json: {"module", "changes": [{"id", "at", "module", "kind", "tenant", "from", "to", "who",
    "why", "evidence"}]}.

    Examples:
      aicmo migrate history qc
      aicmo migrate history qc --format json
    """
    from aicmo.strangler.migration import check_module
    from aicmo.strangler.routes.history import history_document, history_text, route_history

    _valid(check_module, module)
    with _refusals():
        with _sessions(database_url, writes=False)() as session:
            changes = route_history(session, module)
    if output_format is OutputFormat.json:
        write_document(history_document(module, changes))
        return
    # markup off: a reason is free text, and a bracket in it is not a style
    out.print(history_text(module, changes), end="", markup=False)


class ReportFormat(str, Enum):
    markdown = "markdown"
    html = "html"


@app.command()
def report(
    output: Optional[Path] = typer.Option(None, "--output", help="Write the report here instead of stdout."),
    report_format: ReportFormat = typer.Option(
        ReportFormat.markdown, "--format", case_sensitive=False,
        help="markdown (the status table, for MIGRATION.md) or html (one self-contained page: the status, "
             "the dependency graph coloured by route, each module's route history)."),
    database_url: str = DatabaseUrl,
) -> None:
    """The status table as Markdown (for MIGRATION.md), or the whole status as one HTML page.

    The page needs nothing else to open (no network): CSS inline, graphs as inline SVG, no script.

    Examples:
      aicmo migrate report
      aicmo migrate report --output status.md
      aicmo migrate report --format html --output status.html
    """
    from aicmo.strangler.migration import declared_divergences, markdown_report, migration_status

    with _refusals():
        with _sessions(database_url, writes=False)() as session:
            if report_format is ReportFormat.html:
                from aicmo.shared.clock import SystemClock
                from aicmo.shared.modules import MODULE_DEPENDENCIES
                from aicmo.strangler.migration.html_report import read_report, render_page

                text = render_page(read_report(session), MODULE_DEPENDENCIES, SystemClock().now())
            else:
                text = markdown_report(*migration_status(session), declared_divergences(session))
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write {output}: {exc}", EXIT_BAD_INPUT)
    out.print(f"report written to {output}")
