"""Alembic's entry point for production's migrations (run through `aicmo db upgrade`)."""
from aicmo.production.internal.descriptor import PRODUCTION_MIGRATIONS
from aicmo.shared.persistence.migrations import run_migrations

run_migrations(PRODUCTION_MIGRATIONS)
