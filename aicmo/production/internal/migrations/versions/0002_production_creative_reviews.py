"""production_creatives: review_status, review_notes and review_round, the client's review of a creative.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05
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
    # every creative stored before this revision has no review recorded (round 0, as legacy's new rows)
    op.add_column('production_creatives', sa.Column('review_status', sa.String(length=30), nullable=True), schema=schema)
    op.add_column('production_creatives', sa.Column('review_notes', sa.Text(), nullable=True), schema=schema)
    op.add_column('production_creatives',
                  sa.Column('review_round', sa.Integer(), nullable=False, server_default='0'), schema=schema)


def downgrade() -> None:
    schema = migration_schema()
    # batch mode: SQLite drops a column by copying the table
    with op.batch_alter_table('production_creatives', schema=schema) as batch:
        batch.drop_column('review_round')
        batch.drop_column('review_notes')
        batch.drop_column('review_status')
