"""Alembic's entry point for the strangler's migrations (run through `aicmo db upgrade`)."""
from aicmo.shared.persistence.migrations import run_migrations
from aicmo.strangler.schema import STRANGLER_MIGRATIONS

run_migrations(STRANGLER_MIGRATIONS)
