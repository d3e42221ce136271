"""client_review's tables: packages, creatives, keyed answers, outbox.

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
    op.create_table('client_review_commands',
    sa.Column('method', sa.String(length=40), nullable=False),
    sa.Column('idempotency_key', sa.String(length=200), nullable=False),
    sa.Column('request_fingerprint', sa.String(length=64), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('ids_drawn', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('method', 'idempotency_key', name=op.f('pk_client_review_commands')),
    schema=schema
    )
    op.create_table('client_review_creatives',
    sa.Column('creative_id', sa.String(length=36), nullable=False),
    sa.Column('review_status', sa.String(length=30), nullable=True),
    sa.Column('review_notes', sa.Text(), nullable=True),
    sa.Column('review_round', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('creative_id', name=op.f('pk_client_review_creatives')),
    schema=schema
    )
    op.create_table('client_review_outbox',
    sa.Column('sequence', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('event_type', sa.String(length=80), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('sequence', name=op.f('pk_client_review_outbox')),
    sa.UniqueConstraint('event_id', name=op.f('uq_client_review_outbox_event_id')),
    schema=schema
    )
    op.create_table('client_review_packages',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('creative_set_id', sa.String(length=36), nullable=False),
    sa.Column('qc_result_id', sa.String(length=36), nullable=False),
    sa.Column('creative_ids', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('rounds', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_client_review_packages')),
    schema=schema
    )
    op.create_index(op.f('ix_client_review_packages_client_id'), 'client_review_packages', ['client_id'], unique=False, schema=schema)


def downgrade() -> None:
    schema = migration_schema()
    op.drop_index(op.f('ix_client_review_packages_client_id'), table_name='client_review_packages', schema=schema)
    op.drop_table('client_review_packages', schema=schema)
    op.drop_table('client_review_outbox', schema=schema)
    op.drop_table('client_review_creatives', schema=schema)
    op.drop_table('client_review_commands', schema=schema)
