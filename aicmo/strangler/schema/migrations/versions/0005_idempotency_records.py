"""Idempotency records: a keyed command's fingerprint and result, one per (module, method, key),
written in the same transaction as the command's effect so a replay after a crash finds it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-17
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from aicmo.shared.persistence.migrations import migration_schema


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    schema = migration_schema()
    op.create_table('strangler_idempotency',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('module', sa.String(length=40), nullable=False),
    sa.Column('method', sa.String(length=100), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strangler_idempotency')),
    sa.UniqueConstraint('module', 'method', 'key', name=op.f('uq_strangler_idempotency_module_method_key')),
    schema=schema
    )


def downgrade() -> None:
    op.drop_table('strangler_idempotency', schema=migration_schema())
