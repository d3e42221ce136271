"""`aicmo shadow report [MODULE]`: what the shadow comparisons recorded, per module.

Exit codes: 0 shown, 1 a database failure, 2 bad input (an unknown module, a malformed URL).
"""
from __future__ import annotations

from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from aicmo.cli_support.module_choice import module_argument
from aicmo.cli_support.output_format import FormatOption, OutputFormat, write_document

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2

app = typer.Typer(help="Shadow runs: the new path compared with legacy.", no_args_is_help=True, add_completion=False,
                  epilog="Examples:\n  aicmo shadow report\n  aicmo shadow report qc --format json")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(message: str, code: int) -> None:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


def _ms(values: dict[str, float]) -> str:
    return f"{values['legacy']:.2f} / {values['new']:.2f}"


@app.command()
def report(
    module: Optional[str] = module_argument(None, metavar="[MODULE]", help="One module (default: every module with comparisons)."),
    limit: int = typer.Option(5, "--limit", min=0, help="Unexplained mismatches to list per module, newest first."),
    database_url: str = typer.Option(
        "sqlite:///aicmo.db", "--database-url", envvar="AICMO_DATABASE_URL", help="SQLAlchemy database URL."
    ),
    output_format: OutputFormat = FormatOption,
) -> None:
    """Comparisons, matches, declared divergences, unexplained mismatches, candidate faults, lost comparisons and timings.

    --format json: {"modules": [{"module", "comparisons", "matched", "explained" (divergence ->
    count), "unexplained", "candidate_errors", "candidate_faults" (kind -> count), "lost",
    "mean_wall_ms" and "mean_cpu_ms" ({"legacy", "new"}), "latest_unexplained" ([{"at", "method",
    "error", "paths"}], newest first, at most --limit)}]}.

    Examples:
      aicmo shadow report
      aicmo shadow report qc --limit 20 --format json
    """
    from sqlalchemy.exc import SQLAlchemyError

    from aicmo.cli_support.database import DatabaseProblem, strangler_for_reading
    from aicmo.strangler.dispatch.report import shadow_document, shadow_summaries

    try:
        sessions = strangler_for_reading(database_url)
    except DatabaseProblem as exc:
        _fail(str(exc), EXIT_BAD_INPUT)
    try:
        with sessions() as session:
            summaries = shadow_summaries(session, module, limit)
    except SQLAlchemyError as exc:
        _fail(f"database error: {str(exc).splitlines()[0]}", EXIT_FAILED)
    if output_format is OutputFormat.json:
        write_document(shadow_document(summaries))
        return
    if not summaries:
        out.print("no shadow comparisons recorded")
        return
    # narrow enough for an 80-column terminal; the timings follow as one line per module
    table = Table("module", "compared", "matched", "declared divergences", "unexplained", "candidate errors")
    for s in summaries:
        divergences = ", ".join(f"{name}: {n}" for name, n in sorted(s.explained.items())) or "-"
        table.add_row(s.module, str(s.comparisons), str(s.matched), divergences, str(s.unexplained), str(s.candidate_errors))
    out.print(table)
    for s in summaries:
        out.print(f"{s.module}: mean ms per call, legacy / new: wall {_ms(s.mean_wall_ms)}, cpu {_ms(s.mean_cpu_ms)}")
    for s in summaries:
        if s.candidate_faults or s.lost:
            faults = ", ".join(f"{kind} {n}" for kind, n in s.candidate_faults.items()) or "none"
            out.print(f"{s.module}: candidate faults: {faults}; lost comparisons (not recorded): {s.lost}")
    for s in summaries:
        for m in s.latest_unexplained:
            what = m["error"] or ", ".join(m["paths"][:5])
            out.print(f"{s.module}.{m['method']} at {m['at']}: {what}")


@app.command()
def replay(
    module: str = module_argument(help="The module whose stored inputs to replay."),
    mismatches_only: bool = typer.Option(
        False, "--mismatches-only", help="Only the inputs whose latest comparison was a mismatch (explained or not)."),
    limit: int = typer.Option(10, "--limit", min=0, help="Inputs to list per kind in text (json lists every one)."),
    database_url: str = typer.Option(
        "sqlite:///aicmo.db", "--database-url", envvar="AICMO_DATABASE_URL", help="SQLAlchemy database URL."
    ),
    output_format: OutputFormat = FormatOption,
) -> None:
    """Run the stored inputs of past comparisons again against the current new implementation.

    Each distinct input is answered twice by legacy and once by the new
    implementation, as under shadow; whatever either writes is rolled back.
    Fields the two legacy runs disagree on (a generated id, a clock reading)
    are noise: listed apart, never a mismatch. Each input is then fixed
    (mismatched before, matches now), still mismatching, newly mismatching
    (matched before: a regression), explained by a declared divergence,
    still matching, or not replayable (with why). A mismatch keeps its
    inputs; a matched call's are kept once per distinct input, a bounded
    number per module, so some matched inputs cannot be replayed.

    A replay records nothing: it is not a shadow comparison, and the
    promotion gate does not count it; only calls under shadow count.

    Exit codes: 0 nothing still mismatches unexplained and nothing newly
    does; 1 something does, or a database failure; 2 bad input (an unknown
    module, one without a new implementation, a malformed URL, a database
    missing or not migrated).

    --format json: {"passed", "modules": [{"module", "replayed", "not_kept",
    "passed", "counts" (kind -> inputs), "noise_fields" (field -> inputs),
    and per kind ("fixed", "still_mismatching", "newly_mismatching",
    "explained", "unreplayable") its inputs: [{"fingerprint", "method",
    "before", "now", "fields" ([{"path", "legacy", "new"}]), "divergence",
    "error", "noise_fields", "legacy_changed"}]}]}.

    Examples:
      aicmo shadow replay qc
      aicmo shadow replay qc --mismatches-only --format json
      aicmo shadow replay production --database-url postgresql+psycopg://db/aicmo
    """
    from sqlalchemy.exc import SQLAlchemyError

    from aicmo.cli_support.database import DatabaseProblem, strangler_for_reading
    from aicmo.orchestration.bootstrap import NEW_IMPLEMENTATIONS
    from aicmo.strangler.dispatch.settings import ShadowSettingError

    if module not in NEW_IMPLEMENTATIONS:
        _fail(f"{module} has no new implementation to replay against (only {', '.join(NEW_IMPLEMENTATIONS)})",
              EXIT_BAD_INPUT)
    try:
        sessions = strangler_for_reading(database_url)
    except DatabaseProblem as exc:
        _fail(str(exc), EXIT_BAD_INPUT)
    from aicmo.orchestration.replay_wiring import replay_target
    from aicmo.strangler.replay.outcome import replay_document
    from aicmo.strangler.replay.run import replay_module
    from aicmo.strangler.replay.stored import stored_inputs

    try:
        target = replay_target(module, database_url, sessions)
        with sessions() as session:
            stored = stored_inputs(session, module, mismatches_only=mismatches_only)
        result = replay_module(target, stored)
    except ShadowSettingError as exc:
        _fail(str(exc), EXIT_BAD_INPUT)
    except SQLAlchemyError as exc:
        _fail(f"database error: {str(exc).splitlines()[0]}", EXIT_FAILED)
    if output_format is OutputFormat.json:
        write_document(replay_document([result]))
    else:
        from aicmo.cli_support.shadow_replay_text import print_replay

        print_replay(out, result, limit)
    if not result.passed:
        raise typer.Exit(EXIT_FAILED)
