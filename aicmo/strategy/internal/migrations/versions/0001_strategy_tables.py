"""strategy's tables: strategies, decisions, keyed answers, outbox, inbox

Revision ID: 0001
Revises:
Create Date: 2026-12-04
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from aicmo.shared.persistence.migrations import migration_schema


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    schema = migration_schema()
    op.create_table('strategy_commands',
    sa.Column('method', sa.String(length=40), nullable=False),
    sa.Column('idempotency_key', sa.String(length=200), nullable=False),
    sa.Column('request_fingerprint', sa.String(length=64), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('ids_drawn', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('method', 'idempotency_key', name=op.f('pk_strategy_commands')),
    schema=schema
    )
    op.create_table('strategy_inbox',
    sa.Column('subscriber', sa.String(length=80), nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('subscriber', 'event_id', name=op.f('pk_strategy_inbox')),
    schema=schema
    )
    op.create_table('strategy_outbox',
    sa.Column('sequence', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('event_type', sa.String(length=80), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('sequence', name=op.f('pk_strategy_outbox')),
    sa.UniqueConstraint('event_id', name=op.f('uq_strategy_outbox_event_id')),
    schema=schema
    )
    op.create_table('strategy_strategies',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('project_name', sa.Text(), nullable=False),
    sa.Column('brief', sa.Text(), nullable=False),
    sa.Column('plan', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('previous_status', sa.String(length=20), nullable=True),
    sa.Column('previous_plan', sa.Text(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strategy_strategies')),
    schema=schema
    )
    op.create_index(op.f('ix_strategy_strategies_client_id'), 'strategy_strategies', ['client_id'], unique=False, schema=schema)
    op.create_table('strategy_decisions',
    sa.Column('strategy_id', sa.String(length=36), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('decision', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('project_note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['strategy_id'], [f"{schema}.strategy_strategies.id" if schema else "strategy_strategies.id"], name=op.f('fk_strategy_decisions_strategy_id_strategy_strategies')),
    sa.PrimaryKeyConstraint('strategy_id', 'ordinal', name=op.f('pk_strategy_decisions')),
    schema=schema
    )


def downgrade() -> None:
    schema = migration_schema()
    op.drop_table('strategy_decisions', schema=schema)
    op.drop_index(op.f('ix_strategy_strategies_client_id'), table_name='strategy_strategies', schema=schema)
    op.drop_table('strategy_strategies', schema=schema)
    op.drop_table('strategy_outbox', schema=schema)
    op.drop_table('strategy_inbox', schema=schema)
    op.drop_table('strategy_commands', schema=schema)
