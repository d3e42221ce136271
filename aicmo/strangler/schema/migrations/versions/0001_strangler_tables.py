"""The strangler's tables: routes, their audit trail, the promotion evidence.

The audit trail, the suite runs and the comparisons are made append-only by triggers here,
on SQLite and on PostgreSQL (the ORM and session guards are the other two layers).

Revision ID: 0001
Revises:
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from aicmo.shared.persistence.migrations import migration_schema


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None

APPEND_ONLY = ("strangler_route_changes", "strangler_suite_runs", "strangler_shadow_comparisons")


def upgrade() -> None:
    schema = migration_schema()
    op.create_table('strangler_divergences',
    sa.Column('module', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('who', sa.String(length=200), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('module', 'name', name=op.f('pk_strangler_divergences')),
    schema=schema
    )
    op.create_table('strangler_kill_switch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('engaged', sa.Boolean(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strangler_kill_switch')),
    schema=schema
    )
    op.create_table('strangler_module_routes',
    sa.Column('module', sa.String(length=40), nullable=False),
    sa.Column('route', sa.String(length=10), nullable=False),
    sa.Column('rollout_percent', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('module', name=op.f('pk_strangler_module_routes')),
    schema=schema
    )
    op.create_table('strangler_route_changes',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('module', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('tenant', sa.String(length=200), nullable=True),
    sa.Column('from_value', sa.String(length=20), nullable=True),
    sa.Column('to_value', sa.String(length=20), nullable=False),
    sa.Column('who', sa.String(length=200), nullable=False),
    sa.Column('why', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strangler_route_changes')),
    schema=schema
    )
    op.create_index(op.f('ix_strangler_route_changes_module'), 'strangler_route_changes', ['module'], unique=False, schema=schema)
    op.create_table('strangler_shadow_comparisons',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('module', sa.String(length=40), nullable=False),
    sa.Column('matched', sa.Boolean(), nullable=False),
    sa.Column('divergence', sa.String(length=100), nullable=True),
    sa.Column('diff', sa.JSON(), nullable=True),
    sa.Column('inputs', sa.JSON(), nullable=True),
    sa.Column('context', sa.JSON(), nullable=True),
    sa.Column('timings', sa.JSON(), nullable=True),
    sa.Column('candidate_error', sa.Text(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strangler_shadow_comparisons')),
    schema=schema
    )
    op.create_index(op.f('ix_strangler_shadow_comparisons_at'), 'strangler_shadow_comparisons', ['at'], unique=False, schema=schema)
    op.create_index(op.f('ix_strangler_shadow_comparisons_module'), 'strangler_shadow_comparisons', ['module'], unique=False, schema=schema)
    op.create_table('strangler_suite_runs',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('module', sa.String(length=40), nullable=False),
    sa.Column('suite', sa.String(length=40), nullable=False),
    sa.Column('path', sa.String(length=10), nullable=False),
    sa.Column('passed', sa.Boolean(), nullable=False),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strangler_suite_runs')),
    schema=schema
    )
    op.create_index(op.f('ix_strangler_suite_runs_module'), 'strangler_suite_runs', ['module'], unique=False, schema=schema)
    op.create_table('strangler_tenant_overrides',
    sa.Column('module', sa.String(length=40), nullable=False),
    sa.Column('tenant', sa.String(length=200), nullable=False),
    sa.Column('route', sa.String(length=10), nullable=False),
    sa.PrimaryKeyConstraint('module', 'tenant', name=op.f('pk_strangler_tenant_overrides')),
    schema=schema
    )
    if op.get_bind().dialect.name == "sqlite":
        for table in APPEND_ONLY:
            for verb in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
    else:
        op.execute(
            f"CREATE FUNCTION {schema}.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP; END $$"
        )
        for table in APPEND_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {schema}.{table} "
                f"FOR EACH ROW EXECUTE FUNCTION {schema}.refuse_change()"
            )


def downgrade() -> None:
    schema = migration_schema()
    if op.get_bind().dialect.name != "sqlite":
        op.execute(f"DROP FUNCTION {schema}.refuse_change() CASCADE")
    op.drop_table('strangler_tenant_overrides', schema=schema)
    op.drop_index(op.f('ix_strangler_suite_runs_module'), table_name='strangler_suite_runs', schema=schema)
    op.drop_table('strangler_suite_runs', schema=schema)
    op.drop_index(op.f('ix_strangler_shadow_comparisons_module'), table_name='strangler_shadow_comparisons', schema=schema)
    op.drop_index(op.f('ix_strangler_shadow_comparisons_at'), table_name='strangler_shadow_comparisons', schema=schema)
    op.drop_table('strangler_shadow_comparisons', schema=schema)
    op.drop_index(op.f('ix_strangler_route_changes_module'), table_name='strangler_route_changes', schema=schema)
    op.drop_table('strangler_route_changes', schema=schema)
    op.drop_table('strangler_module_routes', schema=schema)
    op.drop_table('strangler_kill_switch', schema=schema)
    op.drop_table('strangler_divergences', schema=schema)
