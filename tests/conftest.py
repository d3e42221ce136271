"""Make the repository root importable from a checkout, and give tests their databases.

`database` runs a test once on SQLite and once on PostgreSQL (see tests/databases.py), on a
migrated, empty database of its own; `blank` gives one without any table.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pytest  # noqa: E402

from tests.databases import ThrowawayPostgres, blank_database, database_parameters, migrated_database  # noqa: E402


@pytest.fixture(scope="session")
def postgres():
    """The session's throwaway PostgreSQL database, or None when no server answers."""
    server = ThrowawayPostgres.start()
    yield server
    if server is not None:
        server.stop()


@pytest.fixture(params=database_parameters())
def database(request, postgres):
    """The test's database, migrated and empty: once on SQLite, once on PostgreSQL."""
    yield from migrated_database(request.param, postgres)


@pytest.fixture(params=database_parameters())
def blank(request, postgres):
    """A database with no tables at all, once per backend: for migration tests."""
    yield from blank_database(request.param, postgres)


@pytest.fixture
def legacy_database(database):
    """The test's database with the legacy global session bound to it (legacy creates its tables there)."""
    from aicmo.legacy_harness.pytest_plugin import MemoryDatabase
    from backend.db import session

    previous = session._url_override
    session.configure(database.url)
    try:
        yield MemoryDatabase(session.get_engine())
    finally:
        session.configure(previous)


@pytest.fixture(autouse=True)
def _workflow_engine_stopped():
    """A journey run in the test process leaves the workflow engine running on that test's database: stop it
    afterwards, before the database is dropped under its background threads."""
    yield
    from aicmo.orchestration.durable.engine import shut_down

    shut_down()
