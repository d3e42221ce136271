"""A route version the database bumps on every change to the route tables.

A process keeps its route snapshot while the version stands still, so a unit of work no
longer reads three tables to learn that nothing changed. Triggers, not the changing code, bump
it: a change from another process, an older binary or a hand-written UPDATE moves it too, in
the same transaction, so no reader sees the change without the new version.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from aicmo.shared.persistence.migrations import migration_schema


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# literal, as a migration must be: the tables a route snapshot is read from at this revision
ROUTE_TABLES = ("strangler_module_routes", "strangler_tenant_overrides", "strangler_kill_switch")
BUMP = "UPDATE {version} SET version = version + 1 WHERE id = 1"


def upgrade() -> None:
    schema = migration_schema()
    version = op.create_table(
        'strangler_route_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_strangler_route_version')),
        schema=schema,
    )
    op.bulk_insert(version, [{"id": 1, "version": 0}])
    if op.get_bind().dialect.name == "sqlite":
        # SQLite has row triggers only: one per table and verb
        for table in ROUTE_TABLES:
            for verb in ("INSERT", "UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_bump_{verb.lower()} AFTER {verb} ON {table} "
                    f"BEGIN {BUMP.format(version='strangler_route_version')}; END"
                )
        return
    op.execute(
        f"CREATE FUNCTION {schema}.bump_route_version() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN {BUMP.format(version=f'{schema}.strangler_route_version')}; RETURN NULL; END $$"
    )
    for table in ROUTE_TABLES:
        # per statement, TRUNCATE included: one bump however many rows a statement moves
        op.execute(
            f"CREATE TRIGGER {table}_bump_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {schema}.{table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {schema}.bump_route_version()"
        )


def downgrade() -> None:
    schema = migration_schema()
    if op.get_bind().dialect.name == "sqlite":
        for table in ROUTE_TABLES:
            for verb in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER {table}_bump_{verb}")
    else:
        op.execute(f"DROP FUNCTION {schema}.bump_route_version() CASCADE")
    op.drop_table('strangler_route_version', schema=schema)
