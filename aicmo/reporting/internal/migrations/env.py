"""Alembic's entry point for reporting's migrations (run through `aicmo db upgrade`)."""
from aicmo.reporting.internal.descriptor import REPORTING_MIGRATIONS
from aicmo.shared.persistence.migrations import run_migrations

run_migrations(REPORTING_MIGRATIONS)
