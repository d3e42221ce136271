"""Compact shadow comparisons: a matched comparison keeps its method and a fingerprint of its
inputs instead of the inputs themselves, and every comparison keeps its four timings as numbers
(the report averages them in SQL instead of reading JSON back into Python).

Earlier rows keep what they stored (full inputs, timings as JSON); readers fall back to them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from aicmo.shared.persistence.migrations import migration_schema


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

TABLE = 'strangler_shadow_comparisons'
TIMINGS = ('legacy_wall_s', 'legacy_cpu_s', 'new_wall_s', 'new_cpu_s')


def upgrade() -> None:
    schema = migration_schema()
    # nullable, no default: earlier rows have their method in the stored inputs and no fingerprint
    op.add_column(TABLE, sa.Column('method', sa.String(length=100), nullable=True), schema=schema)
    op.add_column(TABLE, sa.Column('fingerprint', sa.String(length=32), nullable=True), schema=schema)
    for name in TIMINGS:
        op.add_column(TABLE, sa.Column(name, sa.Float(), nullable=True), schema=schema)
    # the report's latest unexplained mismatches per module, newest first, without a scan
    op.create_index(op.f('ix_strangler_shadow_comparisons_module_id'), TABLE, ['module', 'id'], unique=False, schema=schema)


def downgrade() -> None:
    schema = migration_schema()
    op.drop_index(op.f('ix_strangler_shadow_comparisons_module_id'), table_name=TABLE, schema=schema)
    # dropped in place, as 0004 does: a batch copy of the table would lose its append-only triggers
    for name in ('method', 'fingerprint') + TIMINGS:
        op.drop_column(TABLE, name, schema=schema)
