"""production_commands: result is named answer, as in every module's keyed answers.

Autogenerate saw a column dropped and another added, which would lose every stored answer;
it is a rename, and the answers stay.

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
    # batch mode: on SQLite, Alembic renames a column by copying the table
    with op.batch_alter_table('production_commands', schema=migration_schema()) as batch:
        batch.alter_column('result', new_column_name='answer', existing_type=sa.Text(), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('production_commands', schema=migration_schema()) as batch:
        batch.alter_column('answer', new_column_name='result', existing_type=sa.Text(), existing_nullable=False)
