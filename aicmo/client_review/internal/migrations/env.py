"""Alembic's entry point for client_review's migrations (run through `aicmo db upgrade`)."""
from aicmo.client_review.internal.descriptor import CLIENT_REVIEW_MIGRATIONS
from aicmo.shared.persistence.migrations import run_migrations

run_migrations(CLIENT_REVIEW_MIGRATIONS)
