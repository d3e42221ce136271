"""The revisions that put strategy's and production's command tables on the kit's keyed answers keep every stored answer."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import text

from aicmo.orchestration.bootstrap import schema_migrations
from aicmo.shared.persistence import migrations

BEFORE = datetime(2026, 1, 15, 10, 0, tzinfo=timezone.utc)


def _owner(name: str):
    [owner] = [o for o in schema_migrations() if o.owner == name]
    return owner


def _table(blank, name: str) -> str:
    return f"{name.split('_')[0]}.{name}" if blank.backend == "postgresql" else name


def test_production_s_answers_stay_when_result_is_named_answer(blank):
    owner = _owner("production")
    migrations.upgrade(blank.engine, owner, "0001")
    table = _table(blank, "production_commands")
    with blank.engine.begin() as connection:
        connection.execute(text(f"INSERT INTO {table} (method, idempotency_key, request_fingerprint, result, ids_drawn, created_at) "
                                "VALUES ('produce_creatives', 'k1', 'f1', '{\"set\": 1}', 7, :at)"), {"at": BEFORE})
    migrations.upgrade(blank.engine, owner)
    with blank.engine.connect() as connection:
        kept = connection.execute(text(f"SELECT method, idempotency_key, request_fingerprint, answer, ids_drawn FROM {table}")).all()
    assert [("produce_creatives", "k1", "f1", '{"set": 1}', 7)] == [tuple(row) for row in kept]


def test_strategy_s_answers_stay_and_get_an_instant_and_no_id_count(blank):
    owner = _owner("strategy")
    migrations.upgrade(blank.engine, owner, "0001")
    table = _table(blank, "strategy_commands")
    with blank.engine.begin() as connection:
        connection.execute(text(f"INSERT INTO {table} (method, idempotency_key, request_fingerprint, answer) "
                                "VALUES ('draft_strategy', 'k1', 'f1', '{}')"))
    migrations.upgrade(blank.engine, owner)
    with blank.engine.connect() as connection:
        kept = connection.execute(text(f"SELECT method, idempotency_key, request_fingerprint, answer, ids_drawn, created_at FROM {table}")).all()
    assert [("draft_strategy", "k1", "f1", "{}", None)] == [tuple(row)[:5] for row in kept]
    assert kept[0].created_at is not None  # the column is NOT NULL now: the answers kept before it hold the upgrade's instant
    assert [] == migrations.schema_drift(blank.engine, owner)
