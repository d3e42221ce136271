"""`aicmo worker`: take the journeys queued on a database (`aicmo run --queue`) and run them, until stopped.

Progress goes to stderr, one line per journey started, finished or failed. SIGTERM or Ctrl-C
stops it cleanly: it takes no more journeys, waits for those it runs (`--grace` seconds at
most), and exits 0; a journey still running then stays pending and the next worker continues
it from its last completed step, as it continues the journeys of any process of this machine
that died running one. Exit codes: 0 done or stopped; 1 a journey it ran failed (with
--until-idle or --max-journeys, which scripts wait for); 2 bad input (the URL, a database whose
tables are missing or behind, one in memory).
"""
from __future__ import annotations

import os
import signal
import sys
import threading
from contextlib import contextmanager
from typing import Iterator, Optional

import typer
from rich.console import Console

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2

err = Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(message: str, code: int) -> None:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


def _say(line: str) -> None:
    err.print(line)
    sys.stderr.flush()  # a supervisor (or a test) reads the lines as they come


@contextmanager
def _stopped_by_signals(stop: threading.Event) -> Iterator[None]:
    """SIGTERM and Ctrl-C set ``stop`` (a second one exits at once, the journeys running left pending)."""

    def handle(number: int, _frame: object) -> None:
        if stop.is_set():
            _say(f"worker: {signal.Signals(number).name} again: stopping now")
            os._exit(0)
        _say(f"worker: {signal.Signals(number).name}: taking no more journeys, finishing the ones running")
        stop.set()

    previous = {number: signal.signal(number, handle) for number in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _prepare(database_url: str, concurrency: int) -> None:
    """The database checked (an SQLite file migrated), the engine listening to the journeys' queue; bad input exits 2."""
    from aicmo.cli_support import run_support
    from aicmo.cli_support.inputs import InputError
    from aicmo.orchestration import bootstrap
    from aicmo.orchestration.durable.engine import EngineUnavailable, launched_for
    from aicmo.orchestration.durable.queue import JOURNEY_QUEUE, register_journey_queue
    from aicmo.shared.persistence.engines import is_in_memory, normalize_url

    try:
        run_support.route_overrides(None, legacy_flow=False)  # the shadow settings the journeys will read
        run_support.configure_database(database_url)
        if is_in_memory(normalize_url(database_url)):
            raise InputError("--database-url: an in-memory database keeps no queue: name a file or a server")
        launched_for(database_url, queues=[JOURNEY_QUEUE])
    except (InputError, EngineUnavailable) as exc:
        _fail(str(exc), EXIT_BAD_INPUT)
    bootstrap.open_legacy_engine()  # before the engine's threads start journeys side by side
    register_journey_queue(concurrency)


def worker(
    database_url: str = typer.Option(
        "sqlite:///aicmo.db", "--database-url", envvar="AICMO_DATABASE_URL", help="SQLAlchemy database URL."
    ),
    concurrency: int = typer.Option(
        1, "--concurrency", min=1,
        help="Journeys this worker runs at once (a setting of the queue: the worker started last sets it for all).",
    ),
    until_idle: bool = typer.Option(False, "--until-idle", help="Exit once no journey waits in the queue and none runs here."),
    max_journeys: Optional[int] = typer.Option(
        None, "--max-journeys", min=1, metavar="K", help="Exit after K journeys (those taken at once with the K-th finish too)."
    ),
    grace: float = typer.Option(
        10.0, "--grace", min=0, metavar="SECONDS",
        help="On SIGTERM or Ctrl-C, how long to wait for the running journeys; those still running stay pending.",
    ),
) -> None:
    """Take the journeys queued on the database (`aicmo run --queue`) and run them, until stopped.

    Several workers may share one PostgreSQL database's queue; each journey runs once. A worker
    also continues the journeys left running by processes of this machine that have died.

    Examples:
      aicmo worker --database-url postgresql+psycopg://aicmo@db/aicmo
      aicmo worker --until-idle --concurrency 4
    """
    from aicmo.orchestration.durable.engine import executor_id, shut_down
    from aicmo.orchestration.durable.worker import JourneyEvent, run_worker
    from aicmo.shared.persistence.engines import safe_url

    _prepare(database_url, concurrency)
    stop = threading.Event()

    def report(event: JourneyEvent) -> None:
        detail = f" ({event.detail})" if event.kind in ("started", "continued") and event.detail else (
            f": {event.detail}" if event.detail else "")
        _say(f"journey {event.journey_id} {event.kind}{detail}")

    _say(f"worker {executor_id()} taking journeys from {safe_url(database_url)} (concurrency {concurrency})")
    with _stopped_by_signals(stop):
        run = run_worker(stop, report, until_idle=until_idle, max_journeys=max_journeys, grace_seconds=grace)
    _say(f"worker stopped: {run.started} taken, {run.finished} finished, {run.failed} failed"
         + (f", {len(run.left_pending)} left pending for the next worker" if run.left_pending else ""))
    if run.left_pending:
        # their threads are mid-step: the process ends under them, as a crash would, and the
        # next worker continues them from their last checkpoint
        sys.stdout.flush()
        os._exit(0)
    shut_down()
    if run.failed and (until_idle or max_journeys is not None):
        raise typer.Exit(EXIT_FAILED)
