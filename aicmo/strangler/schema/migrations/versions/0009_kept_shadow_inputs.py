"""Shadow inputs kept to be replayed: a mismatch keeps legacy's answer beside its inputs, and a
matched call's inputs and legacy answer are kept once per distinct input (by fingerprint), a
bounded number per module, in a table of their own.

Earlier mismatches keep what they stored (inputs, no legacy answer); earlier matches kept only
a fingerprint and cannot be replayed.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from aicmo.shared.persistence.migrations import migration_schema


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

COMPARISONS = 'strangler_shadow_comparisons'
KEPT = 'strangler_kept_inputs'


def upgrade() -> None:
    schema = migration_schema()
    op.add_column(COMPARISONS, sa.Column('legacy_output', sa.JSON(none_as_null=True), nullable=True), schema=schema)
    op.create_table(KEPT,
    sa.Column('module', sa.String(length=40), nullable=False),
    sa.Column('fingerprint', sa.String(length=32), nullable=False),
    sa.Column('method', sa.String(length=100), nullable=False),
    sa.Column('inputs', sa.JSON(none_as_null=True), nullable=False),
    sa.Column('legacy_output', sa.JSON(none_as_null=True), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('module', 'fingerprint', name=op.f('pk_strangler_kept_inputs')),
    schema=schema
    )


def downgrade() -> None:
    schema = migration_schema()
    op.drop_table(KEPT, schema=schema)
    # dropped in place, as 0004 does: a batch copy of the table would lose its append-only triggers
    op.drop_column(COMPARISONS, 'legacy_output', schema=schema)
