"""Alembic's entry point for billing's migrations (run through `aicmo db upgrade`)."""
from aicmo.billing.internal.descriptor import BILLING_MIGRATIONS
from aicmo.shared.persistence.migrations import run_migrations

run_migrations(BILLING_MIGRATIONS)
