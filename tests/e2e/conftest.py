"""End-to-end fixtures: each test runs the command in its own empty folder."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from aicmo.cli import app
from backend.db import session as legacy_session
from backend.llm.client import set_llm_client
from tests.databases import blank_database, database_parameters, migrated_database

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
# `aicmo` in a process of its own, run by this interpreter (the console script may not be on PATH)
AICMO_PROCESS = "import sys; from aicmo.cli import app; sys.argv[0] = 'aicmo'; app()"


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("AICMO_DATABASE_URL", raising=False)
    monkeypatch.delenv("AICMO_E2E_MODE", raising=False)
    yield tmp_path
    legacy_session.configure(None)
    set_llm_client(None)


# a module's shadow journeys: legacy's run on one database, the shadowed run on a twin, so each pair
# of runs starts from the same state and gets the same reproducible seed
@pytest.fixture(params=database_parameters())
def two_databases(request, postgres, workdir):
    """(legacy's, shadow's): empty migrated databases of the test's backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{workdir / 'legacy.db'}", f"sqlite:///{workdir / 'shadow.db'}"
        return
    from tests.databases import copy_of, drop

    for database in migrated_database("postgresql", postgres):
        copy = copy_of(database, workdir)
        try:
            yield database.url, copy.url
        finally:
            drop(copy)


@pytest.fixture
def aicmo(workdir):
    runner = CliRunner()

    def invoke(*args: str):
        legacy_session.configure(None)
        return runner.invoke(app, [str(a) for a in args])

    return invoke


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file below a folder with its sha256, to prove nothing was written."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def upgraded_database(backend: str, postgres, folder: Path):
    """A database no command has used: an SQLite file not made yet in ``folder``, or PostgreSQL migrated by
    `aicmo db upgrade` only (yields its URL once)."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'aicmo.db'}"
        return
    for database in blank_database("postgresql", postgres):
        subprocess.run([sys.executable, "-c", AICMO_PROCESS, "db", "upgrade", "--database-url", database.url],
                       check=True, capture_output=True)
        yield database.url


@pytest.fixture(params=database_parameters())
def fresh_database_url(request, postgres, tmp_path):
    """A database no command has used, for this test alone."""
    yield from upgraded_database(request.param, postgres, tmp_path)


def count_rows(url: str, table: str) -> int:
    """How many rows a table holds, read through a connection of its own."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    finally:
        engine.dispose()


# what a test sets to steer an `aicmo` process; never inherited by the processes a test starts
TEST_HOOKS = ("AICMO_DATABASE_URL", "AICMO_TEST_PAUSE_BEFORE_STEP", "AICMO_TEST_PAUSE_AFTER_STEP", "AICMO_TEST_FAULT")


def hooks_cleared(**extra: str) -> dict[str, str]:
    """This process's environment without the test hooks, plus ``extra``."""
    return {**{k: v for k, v in os.environ.items() if k not in TEST_HOOKS}, **extra}


def start_held(args: list[str], folder: Optional[Path] = None, **env: str) -> subprocess.Popen:
    """`aicmo ARGS` in a process of its own, to be held by a pause hook in ``env`` (two minutes at most)."""
    return subprocess.Popen([sys.executable, "-c", AICMO_PROCESS, *args], cwd=folder,
                            env=hooks_cleared(AICMO_TEST_PAUSE_SECONDS="120", **env),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def wait_until_held(process: subprocess.Popen, marker: str, id_prefix: str = "journey ") -> str:
    """Read the process's stderr until it says ``marker`` (the pause hook's line); the id it printed first."""
    found, seen = None, []
    for line in process.stderr:
        seen.append(line)
        if found is None and line.startswith(id_prefix):
            found = line.split()[1]
        if line.startswith(marker):
            assert found is not None, "".join(seen)
            return found
    pytest.fail(f"the process never said '{marker}': {''.join(seen)[-600:]}")


def sigkill(process: subprocess.Popen) -> int:
    """Kill it as a crash would (SIGKILL, no clean-up); its return code."""
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    return process.wait(timeout=30)


@contextmanager
def held_then_killed(args: list[str], folder: Optional[Path], marker: str, id_prefix: str = "journey ", **env: str):
    """Start `aicmo ARGS`, wait until the pause hook holds it at ``marker``, yield the id it printed, then SIGKILL it."""
    process = start_held(args, folder, **env)
    try:
        yield wait_until_held(process, marker, id_prefix)
    except BaseException:
        sigkill(process)
        raise
    assert -signal.SIGKILL == sigkill(process)
