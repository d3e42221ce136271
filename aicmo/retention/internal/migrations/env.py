"""Alembic's entry point for retention's migrations (run through `aicmo db upgrade`)."""
from aicmo.retention.internal.descriptor import RETENTION_MIGRATIONS
from aicmo.shared.persistence.migrations import run_migrations

run_migrations(RETENTION_MIGRATIONS)
