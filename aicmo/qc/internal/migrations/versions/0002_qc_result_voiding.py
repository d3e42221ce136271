"""qc_results: voided_at and voided_by, the compensation of an evaluation.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
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
    # nullable: every evaluation stored before this revision stands (not voided)
    op.add_column('qc_results', sa.Column('voided_at', sa.DateTime(timezone=True), nullable=True), schema=schema)
    op.add_column('qc_results', sa.Column('voided_by', sa.String(length=200), nullable=True), schema=schema)


def downgrade() -> None:
    schema = migration_schema()
    # batch mode: SQLite drops a column by copying the table
    with op.batch_alter_table('qc_results', schema=schema) as batch:
        batch.drop_column('voided_by')
        batch.drop_column('voided_at')
