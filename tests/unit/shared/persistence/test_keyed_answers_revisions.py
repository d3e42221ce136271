"""The revisions that put strategy's and production's command tables on the kit's keyed answers keep every stored answer."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import text

from aicmo.orchestration.bootstrap import schema_migrations
from aicmo.shared.persistence import migrations

BEFORE = datetime(2026, 1, 15, 10, 0, tzinfo=timezone.utc)


def _kept(blank, owner_name: str, insert: str, columns: str, parameters=None) -> list[tuple]:
    """Upgrade the owner to 0001, store an answer as 0001 has it, upgrade to the head: the rows as they stand."""
    [owner] = [o for o in schema_migrations() if o.owner == owner_name]
    table = f"{owner_name}.{owner_name}_commands" if blank.backend == "postgresql" else f"{owner_name}_commands"
    migrations.upgrade(blank.engine, owner, "0001")
    with blank.engine.begin() as connection:
        connection.execute(text(f"INSERT INTO {table} {insert}"), parameters or {})
    migrations.upgrade(blank.engine, owner)
    assert [] == migrations.schema_drift(blank.engine, owner)
    with blank.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(f"SELECT {columns} FROM {table}"))]


def test_production_s_answers_stay_when_result_is_named_answer(blank):
    kept = _kept(blank, "production",
                 "(method, idempotency_key, request_fingerprint, result, ids_drawn, created_at) "
                 "VALUES ('produce_creatives', 'k1', 'f1', '{\"set\": 1}', 7, :at)",
                 "method, idempotency_key, request_fingerprint, answer, ids_drawn", {"at": BEFORE})
    assert [("produce_creatives", "k1", "f1", '{"set": 1}', 7)] == kept


def test_strategy_s_answers_stay_and_get_an_instant_and_no_id_count(blank):
    kept = _kept(blank, "strategy",
                 "(method, idempotency_key, request_fingerprint, answer) VALUES ('draft_strategy', 'k1', 'f1', '{}')",
                 "method, idempotency_key, request_fingerprint, answer, ids_drawn, created_at")
    assert [("draft_strategy", "k1", "f1", "{}", None)] == [row[:5] for row in kept]
    # created_at is NOT NULL now: an answer kept before it holds the upgrade's instant
    assert kept[0][5] is not None
