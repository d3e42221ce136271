"""production's tables: creative sets, creatives, command answers, outbox, inbox

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
    op.create_table('production_commands',
    sa.Column('method', sa.String(length=40), nullable=False),
    sa.Column('idempotency_key', sa.String(length=200), nullable=False),
    sa.Column('request_fingerprint', sa.String(length=64), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('ids_drawn', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('method', 'idempotency_key', name=op.f('pk_production_commands')),
    schema=schema
    )
    op.create_table('production_creative_sets',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('strategy_id', sa.String(length=36), nullable=False),
    sa.Column('brand_name', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_production_creative_sets')),
    schema=schema
    )
    op.create_index(op.f('ix_production_creative_sets_client_id'), 'production_creative_sets', ['client_id'], unique=False, schema=schema)
    op.create_table('production_inbox',
    sa.Column('subscriber', sa.String(length=80), nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('subscriber', 'event_id', name=op.f('pk_production_inbox')),
    schema=schema
    )
    op.create_table('production_outbox',
    sa.Column('sequence', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('event_type', sa.String(length=80), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('sequence', name=op.f('pk_production_outbox')),
    sa.UniqueConstraint('event_id', name=op.f('uq_production_outbox_event_id')),
    schema=schema
    )
    op.create_table('production_creatives',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('creative_set_id', sa.String(length=36), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('platform', sa.String(length=20), nullable=False),
    sa.Column('format', sa.String(length=20), nullable=False),
    sa.Column('pillar_index', sa.Integer(), nullable=False),
    sa.Column('pillar_name', sa.String(length=255), nullable=False),
    sa.Column('hook', sa.Text(), nullable=False),
    sa.Column('caption', sa.Text(), nullable=False),
    sa.Column('cta', sa.String(length=80), nullable=False),
    sa.Column('tone', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status_before', sa.String(length=20), nullable=True),
    sa.Column('status_changes', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['creative_set_id'], [f"{schema}.production_creative_sets.id" if schema else "production_creative_sets.id"], name=op.f('fk_production_creatives_creative_set_id_production_creative_sets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_production_creatives')),
    schema=schema
    )
    op.create_index(op.f('ix_production_creatives_creative_set_id'), 'production_creatives', ['creative_set_id'], unique=False, schema=schema)


def downgrade() -> None:
    schema = migration_schema()
    op.drop_index(op.f('ix_production_creatives_creative_set_id'), table_name='production_creatives', schema=schema)
    op.drop_table('production_creatives', schema=schema)
    op.drop_table('production_outbox', schema=schema)
    op.drop_table('production_inbox', schema=schema)
    op.drop_index(op.f('ix_production_creative_sets_client_id'), table_name='production_creative_sets', schema=schema)
    op.drop_table('production_creative_sets', schema=schema)
    op.drop_table('production_commands', schema=schema)
