"""Alembic's entry point for delivery's migrations (run through `aicmo db upgrade`)."""
from aicmo.delivery.internal.descriptor import DELIVERY_MIGRATIONS
from aicmo.shared.persistence.migrations import run_migrations

run_migrations(DELIVERY_MIGRATIONS)
