"""The commit counter behind MIGRATION.md's durable-journey figures counts what the connections really commit."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def counter_class():
    spec = importlib.util.spec_from_file_location("sqlite_commits", BENCHMARKS / "sqlite_commits.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module.CommitCounter
    sys.modules.pop(spec.name)


def test_writes_and_reads_are_counted_per_file_whichever_way_a_transaction_begins(tmp_path, counter_class):
    """SQLAlchemy's own BEGIN (pysqlite's implicit one) and an explicit BEGIN IMMEDIATE both count; a commit that
    changed no row is a read; another file is counted apart; nothing before the counter saw the connection."""
    from sqlalchemy import event
    from sqlalchemy.pool import Pool

    counter = counter_class().install()
    try:
        app = create_engine(f"sqlite:///{tmp_path / 'app.db'}")
        other = create_engine(f"sqlite:///{tmp_path / 'other.db'}")
        with app.begin() as connection:
            connection.execute(text("CREATE TABLE t (x INTEGER)"))
        counter.reset()
        for value in (1, 2):
            with app.begin() as connection:
                connection.execute(text("INSERT INTO t VALUES (:x)"), {"x": value})
        with app.connect() as connection:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            connection.exec_driver_sql("SELECT count(*) FROM t")
            connection.exec_driver_sql("COMMIT")
        with other.begin() as connection:
            connection.execute(text("CREATE TABLE u (y INTEGER)"))
            connection.execute(text("INSERT INTO u VALUES (1)"))
        writes, reads = counter.snapshot()
        assert {"app.db": 2, "other.db": 1} == dict(writes)
        assert {"app.db": 1} == dict(reads)
    finally:
        event.remove(Pool, "connect", counter._on_connect)
        app.dispose()
        other.dispose()
