"""Alembic's entry point for strategy's migrations (run through `aicmo db upgrade`)."""
from aicmo.strategy.internal.descriptor import STRATEGY_MIGRATIONS
from aicmo.shared.persistence.migrations import run_migrations

run_migrations(STRATEGY_MIGRATIONS)
