"""Alembic's entry point for onboarding's migrations (run through `aicmo db upgrade`)."""
from aicmo.onboarding.internal.descriptor import ONBOARDING_MIGRATIONS
from aicmo.shared.persistence.migrations import run_migrations

run_migrations(ONBOARDING_MIGRATIONS)
