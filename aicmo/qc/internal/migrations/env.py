"""Alembic's entry point for qc's migrations (run through `aicmo db upgrade`)."""
from aicmo.qc.internal.descriptor import QC_MIGRATIONS
from aicmo.shared.persistence.migrations import run_migrations

run_migrations(QC_MIGRATIONS)
