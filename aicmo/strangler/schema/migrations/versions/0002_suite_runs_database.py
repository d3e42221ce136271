"""Suite runs name the kind of database they ran on; earlier runs all ran on SQLite.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from aicmo.shared.persistence.migrations import migration_schema


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    schema = migration_schema()
    # a default, not an update: the rows are append-only, and every earlier run was on SQLite
    op.add_column('strangler_suite_runs', sa.Column('database', sa.String(length=20), server_default='sqlite', nullable=False),
                  schema=schema)


def downgrade() -> None:
    schema = migration_schema()
    op.drop_column('strangler_suite_runs', 'database', schema=schema)
