"""Shadow comparisons name the kind of fault that stopped the candidate; lost comparisons are
counted, in a table as append-only as the comparisons (a deleted loss would hide a gap).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-10
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from aicmo.shared.persistence.migrations import migration_schema


revision = '0004'
down_revision = '0003'
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
    table = 'strangler_lost_comparisons'
    if op.get_bind().dialect.name == "sqlite":  # as 0001 and 0003 guard the other append-only tables
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
        op.execute(f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} "
                   f"WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id) "
                   f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: replacing a row refused'); END")
    else:
        op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {schema}.{table} "
                   f"FOR EACH ROW EXECUTE FUNCTION {schema}.refuse_change()")
        op.execute(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {schema}.{table} "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION {schema}.refuse_change()")


def downgrade() -> None:
    schema = migration_schema()
    op.drop_index(op.f('ix_strangler_lost_comparisons_module'), table_name='strangler_lost_comparisons', schema=schema)
    op.drop_table('strangler_lost_comparisons', schema=schema)
    op.drop_column('strangler_shadow_comparisons', 'candidate_fault', schema=schema)
