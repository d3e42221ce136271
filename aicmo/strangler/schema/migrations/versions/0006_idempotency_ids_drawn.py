"""Idempotency records keep how many reproducible ids the run had drawn when the command committed.

A replayed command draws no ids; a reproducible run continued after a crash skips its id
sequence to the stored count, so the commands after it mint what an uninterrupted run mints.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from aicmo.shared.persistence.migrations import migration_schema


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('strangler_idempotency', sa.Column('ids_drawn', sa.Integer(), nullable=True), schema=migration_schema())


def downgrade() -> None:
    with op.batch_alter_table('strangler_idempotency', schema=migration_schema()) as batch:
        batch.drop_column('ids_drawn')
