"""Shadow comparisons name the kind of fault that stopped the candidate; lost comparisons are counted.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-10
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from aicmo.shared.persistence.migrations import migration_schema


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    schema = migration_schema()
    # nullable, no default: earlier rows name no fault kind, only their error text
    op.add_column('strangler_shadow_comparisons', sa.Column('candidate_fault', sa.String(length=60), nullable=True),
                  schema=schema)
    op.create_table('strangler_lost_comparisons',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('module', sa.String(length=40), nullable=False),
    sa.Column('method', sa.String(length=100), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strangler_lost_comparisons')),
    schema=schema
    )
    op.create_index(op.f('ix_strangler_lost_comparisons_module'), 'strangler_lost_comparisons', ['module'], unique=False,
                    schema=schema)


def downgrade() -> None:
    schema = migration_schema()
    op.drop_index(op.f('ix_strangler_lost_comparisons_module'), table_name='strangler_lost_comparisons', schema=schema)
    op.drop_table('strangler_lost_comparisons', schema=schema)
    op.drop_column('strangler_shadow_comparisons', 'candidate_fault', schema=schema)
