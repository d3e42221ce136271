"""delivery's tables: package records, keyed answers, outbox.

Revision ID: 0001
Revises:
Create Date: 2026-12-05
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
    op.create_table('delivery_commands',
    sa.Column('method', sa.String(length=40), nullable=False),
    sa.Column('idempotency_key', sa.String(length=200), nullable=False),
    sa.Column('request_fingerprint', sa.String(length=64), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('ids_drawn', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('method', 'idempotency_key', name=op.f('pk_delivery_commands')),
    schema=schema
    )
    op.create_table('delivery_outbox',
    sa.Column('sequence', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('event_type', sa.String(length=80), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('sequence', name=op.f('pk_delivery_outbox')),
    sa.UniqueConstraint('event_id', name=op.f('uq_delivery_outbox_event_id')),
    schema=schema
    )
    op.create_table('delivery_package_records',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('creative_set_id', sa.String(length=36), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('manifest_json', sa.Text(), nullable=False),
    sa.Column('gate_skipped', sa.Boolean(), nullable=False),
    sa.Column('gate_problems', sa.Text(), nullable=False),
    sa.Column('delivered_creative_ids', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('withdrawn_by', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_package_records')),
    schema=schema
    )
    op.create_index(op.f('ix_delivery_package_records_client_id'), 'delivery_package_records', ['client_id'], unique=False, schema=schema)


def downgrade() -> None:
    schema = migration_schema()
    op.drop_index(op.f('ix_delivery_package_records_client_id'), table_name='delivery_package_records', schema=schema)
    op.drop_table('delivery_package_records', schema=schema)
    op.drop_table('delivery_outbox', schema=schema)
    op.drop_table('delivery_commands', schema=schema)
