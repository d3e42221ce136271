"""Append-only without holes (no TRUNCATE on PostgreSQL, no INSERT OR REPLACE on SQLite), and
suite runs name the commit they ran at (earlier runs name none, so no gate accepts them).

0001's row triggers stop UPDATE and DELETE (and an upsert's update, which fires them). Two
statements slipped past them: PostgreSQL's TRUNCATE fires no row trigger, so it gets a
statement-level one; SQLite's INSERT OR REPLACE deletes the old row without firing delete
triggers unless a connection turned `recursive_triggers` on, so rather than trusting every
connection's pragmas, a BEFORE INSERT trigger refuses any insert whose id is already taken
(a plain duplicate insert fails on the primary key anyway; a REPLACE now fails too).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from aicmo.shared.persistence.migrations import migration_schema


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

# literal, as a migration must be: the tables append_only.py guards at this revision
APPEND_ONLY = ("strangler_route_changes", "strangler_suite_runs", "strangler_shadow_comparisons")


def upgrade() -> None:
    schema = migration_schema()
    op.add_column('strangler_suite_runs', sa.Column('at_commit', sa.String(length=64), nullable=True), schema=schema)
    if op.get_bind().dialect.name == "sqlite":
        for table in APPEND_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} "
                f"WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id) "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: replacing a row refused'); END"
            )
        return
    for table in APPEND_ONLY:
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {schema}.{table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {schema}.refuse_change()"
        )


def downgrade() -> None:
    schema = migration_schema()
    for table in APPEND_ONLY:
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"DROP TRIGGER {table}_no_replace")
        else:
            op.execute(f"DROP TRIGGER {table}_no_truncate ON {schema}.{table}")
    op.drop_column('strangler_suite_runs', 'at_commit', schema=schema)
