"""The process keeps its route snapshot between units of work, and still sees every route change
at the next one: made by another process (the kill switch, a tenant override, a rollout
percentage, a route), or by hand in SQL. Once on an SQLite file, once on PostgreSQL.
"""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import text

from aicmo.orchestration import bootstrap
from aicmo.shared.persistence.engines import forget_engine
from aicmo.strangler.dispatch import RoutedPort
from aicmo.strangler.routes import Route
from aicmo.strangler.routes.snapshot_cache import route_snapshots
from aicmo.strangler.schema import strangler_sessions
from tests.databases import database_parameters

ROOT = Path(__file__).resolve().parents[4]

# another process changing the routes as an operator would: its own interpreter, engine and transaction
CHANGE = textwrap.dedent("""
    import sys
    from aicmo.shared.clock import SystemClock
    from aicmo.strangler.migration import PromotionPolicy, change_route, set_kill_switch, set_rollout, set_tenant_override
    from aicmo.strangler.routes import Route
    from aicmo.strangler.schema import open_database, strangler_change_sessions
    from aicmo.shared.persistence.engines import engine_for

    url, change, *args = sys.argv[1:]
    open_database(url)
    with strangler_change_sessions(engine_for(url)).begin() as session:
        clock = SystemClock()
        if change == "route":
            change_route(session, clock, "qc", Route(args[0]), "ops", "test", policy=PromotionPolicy(implemented=frozenset({"qc"})))
        elif change == "kill":
            set_kill_switch(session, clock, args[0] == "on", "ops", "test")
        elif change == "override":
            set_tenant_override(session, clock, "qc", args[0], Route(args[1]), "ops", "test")
        elif change == "rollout":
            set_rollout(session, clock, "qc", int(args[0]), "ops", "test")
""")


def elsewhere(url: str, *change: str) -> None:
    subprocess.run([sys.executable, "-c", CHANGE, url, *change], cwd=ROOT, check=True, timeout=120)


@pytest.fixture(params=database_parameters())
def app_url(request, postgres, tmp_path) -> Iterator[str]:
    """A migrated database another process can open: an SQLite file, or the session's PostgreSQL database."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'app.db'}"
        bootstrap.prepare_database(url, upgrade=True)
        yield url
        forget_engine(url)
        return
    if postgres is None:
        pytest.skip("no PostgreSQL server")
    postgres.empty()
    url = postgres.url
    engine = bootstrap.prepare_database(url, upgrade=True)
    with engine.begin() as connection:  # the harness empties every table, this single row too
        connection.execute(text("INSERT INTO strangler.strangler_route_version (id, version) VALUES (1, 0) ON CONFLICT DO NOTHING"))
    yield url
    postgres.empty()


def reads(url: str) -> int:
    engine = bootstrap.prepare_database(url)
    return route_snapshots(engine, strangler_sessions(engine)).reads


def qc(url: str, tenant: str | None = None) -> str:
    """The route the next unit of work's qc port takes."""
    port = bootstrap.routed_ports(url, tenant=tenant).qc
    return port.route().value if isinstance(port, RoutedPort) else "legacy"


def test_units_of_work_reuse_the_snapshot_until_the_routes_change(app_url):
    """Three units of work read the route tables once; a change elsewhere makes the next one read them again."""
    qc(app_url)
    before = reads(app_url)
    for _ in range(3):
        assert "legacy" == qc(app_url)
    assert before == reads(app_url)
    elsewhere(app_url, "route", "shadow")
    assert "shadow" == qc(app_url)
    assert before + 1 == reads(app_url)


def test_every_kind_of_change_by_another_process_reaches_the_next_unit_of_work(app_url):
    """Route, kill switch, tenant override and rollout percentage, each seen by the very next unit of work."""
    assert "legacy" == qc(app_url, "acme")
    elsewhere(app_url, "route", "shadow")
    assert "shadow" == qc(app_url, "acme")
    elsewhere(app_url, "kill", "on")
    assert "legacy" == qc(app_url, "acme")
    elsewhere(app_url, "kill", "off")
    assert "shadow" == qc(app_url, "acme")
    elsewhere(app_url, "override", "acme", "legacy")
    assert ("legacy", "shadow") == (qc(app_url, "acme"), qc(app_url, "globex"))
    elsewhere(app_url, "rollout", "0")
    assert ("legacy", "legacy") == (qc(app_url, "acme"), qc(app_url, "globex"))
    elsewhere(app_url, "rollout", "100")
    assert "shadow" == qc(app_url, "globex")


def test_a_change_written_by_hand_in_sql_is_seen_too(app_url):
    """The database bumps the version, not the code that changes routes: a bare UPDATE moves it as well."""
    elsewhere(app_url, "route", "shadow")
    assert "shadow" == qc(app_url)
    engine = bootstrap.prepare_database(app_url)
    table = "strangler_module_routes" if engine.dialect.name == "sqlite" else "strangler.strangler_module_routes"
    with engine.begin() as connection:
        connection.execute(text(f"UPDATE {table} SET route = 'legacy' WHERE module = 'qc'"))
    assert "legacy" == qc(app_url)


def test_a_stale_snapshot_is_not_trusted_without_its_version(app_url):
    """Planted: the version row is gone (a table emptied by hand): every unit of work reads the tables."""
    engine = bootstrap.prepare_database(app_url)
    table = "strangler_route_version" if engine.dialect.name == "sqlite" else "strangler.strangler_route_version"
    with engine.begin() as connection:
        connection.execute(text(f"DELETE FROM {table}"))
    qc(app_url)
    before = reads(app_url)
    elsewhere(app_url, "route", "shadow")
    assert "shadow" == qc(app_url)
    qc(app_url)
    assert before + 2 == reads(app_url)


def test_a_kept_version_connection_the_server_dropped_is_replaced(app_url):
    """Planted: the server ends the connection kept for the version; the next unit of work reconnects and sees the change."""
    engine = bootstrap.prepare_database(app_url)
    if engine.dialect.name == "sqlite":
        pytest.skip("an SQLite file has no server to drop a connection")
    qc(app_url)
    with engine.begin() as connection:
        ended = connection.execute(text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%strangler_route_version%'")).all()
    assert ended
    elsewhere(app_url, "route", "shadow")
    assert "shadow" == qc(app_url)


def test_disposing_of_the_engine_closes_the_kept_version_connection(app_url):
    """Planted by the harness itself: a database copied as a template or dropped must have no session left open.

    dispose() closes only the pool's idle connections; the one kept for the version is closed
    by the engine's disposal too, and the next unit of work opens another.
    """
    engine = bootstrap.prepare_database(app_url)
    qc(app_url)
    kept = route_snapshots(engine, strangler_sessions(engine))._version
    if engine.dialect.name == "sqlite":
        assert kept._connection is not None
        engine.dispose()
        assert kept._connection is None
    else:
        def sessions_on_the_version() -> int:
            with engine.connect() as connection:
                return connection.execute(text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid() AND query LIKE '%strangler_route_version%'")).scalar()

        assert sessions_on_the_version() == 1
        engine.dispose()
        assert sessions_on_the_version() == 0
    elsewhere(app_url, "route", "shadow")
    assert "shadow" == qc(app_url)


def test_an_in_memory_database_leaves_nothing_behind(monkeypatch):
    """Each in-memory database's engine is new, and what routing keeps for it goes with the engine."""
    import gc
    import weakref

    engines = []
    prepare = bootstrap.prepare_database

    def watched(url: str, **options):
        engine = prepare(url, **options)
        engines.append(weakref.ref(engine))
        return engine

    monkeypatch.setattr(bootstrap, "prepare_database", watched)
    ports = bootstrap.routed_ports("sqlite://", {"qc": Route.SHADOW})
    assert engines and engines[0]() is not None
    del ports
    gc.collect()
    assert engines[0]() is None
