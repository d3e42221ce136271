"""Alembic's entry point for cam's migrations (run through `aicmo db upgrade`)."""
from aicmo.cam.internal.descriptor import CAM_MIGRATIONS
from aicmo.shared.persistence.migrations import run_migrations

run_migrations(CAM_MIGRATIONS)
