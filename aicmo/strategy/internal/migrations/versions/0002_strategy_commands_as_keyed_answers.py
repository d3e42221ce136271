"""strategy_commands: ids_drawn and created_at, the columns of every module's keyed answers.

Autogenerate proposed adding created_at NOT NULL outright, which a table holding answers
refuses; so it is added nullable, the answers kept before this revision get the upgrade's
instant (they kept none: that is the latest instant known to follow them), and only then is it
made NOT NULL. ids_drawn stays NULL on them: a replay of those answers skips no ids, as before.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""
from __future__ import annotations

from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

from aicmo.shared.persistence.migrations import migration_schema
from aicmo.shared.persistence.types import UtcDateTime


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    schema = migration_schema()
    op.add_column('strategy_commands', sa.Column('ids_drawn', sa.Integer(), nullable=True), schema=schema)
    op.add_column('strategy_commands', sa.Column('created_at', sa.DateTime(timezone=True), nullable=True), schema=schema)
    commands = sa.table('strategy_commands', sa.column('created_at', UtcDateTime()), schema=schema)
    op.execute(commands.update().where(commands.c.created_at.is_(None)).values(created_at=datetime.now(timezone.utc)))
    # batch mode: SQLite changes a column's nullability by copying the table
    with op.batch_alter_table('strategy_commands', schema=schema) as batch:
        batch.alter_column('created_at', existing_type=sa.DateTime(timezone=True), nullable=False)


def downgrade() -> None:
    # batch mode: SQLite drops a column by copying the table
    with op.batch_alter_table('strategy_commands', schema=migration_schema()) as batch:
        batch.drop_column('created_at')
        batch.drop_column('ids_drawn')
