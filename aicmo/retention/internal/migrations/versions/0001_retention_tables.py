"""retention's tables: assessment records, command answers, outbox

Revision ID: 0001
Revises:
Create Date: 2026-12-06
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
    op.create_table('retention_assessment_records',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('days_since_engagement', sa.Integer(), nullable=False),
    sa.Column('risk_score', sa.String(length=40), nullable=False),
    sa.Column('risk_level', sa.String(length=10), nullable=False),
    sa.Column('lifecycle_stage', sa.String(length=20), nullable=False),
    sa.Column('factors_json', sa.Text(), nullable=False),
    sa.Column('upsell_json', sa.Text(), nullable=False),
    sa.Column('assessed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_retention_assessment_records')),
    schema=schema
    )
    op.create_index(op.f('ix_retention_assessment_records_client_id'), 'retention_assessment_records', ['client_id'],
                    unique=False, schema=schema)
    op.create_table('retention_commands',
    sa.Column('method', sa.String(length=40), nullable=False),
    sa.Column('idempotency_key', sa.String(length=200), nullable=False),
    sa.Column('request_fingerprint', sa.String(length=64), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('ids_drawn', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('method', 'idempotency_key', name=op.f('pk_retention_commands')),
    schema=schema
    )
    op.create_table('retention_outbox',
    sa.Column('sequence', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('event_type', sa.String(length=80), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('sequence', name=op.f('pk_retention_outbox')),
    sa.UniqueConstraint('event_id', name=op.f('uq_retention_outbox_event_id')),
    schema=schema
    )


def downgrade() -> None:
    schema = migration_schema()
    op.drop_table('retention_outbox', schema=schema)
    op.drop_table('retention_commands', schema=schema)
    op.drop_index(op.f('ix_retention_assessment_records_client_id'), table_name='retention_assessment_records', schema=schema)
    op.drop_table('retention_assessment_records', schema=schema)
