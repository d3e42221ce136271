"""qc's tables: results, creative checks, outbox.

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


def upgrade() -> None:
    schema = migration_schema()
    op.create_table('qc_outbox',
    sa.Column('sequence', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('event_type', sa.String(length=80), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('sequence', name=op.f('pk_qc_outbox')),
    sa.UniqueConstraint('event_id', name=op.f('uq_qc_outbox_event_id')),
    schema=schema
    )
    op.create_table('qc_results',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('creative_set_id', sa.String(length=36), nullable=False),
    sa.Column('round_number', sa.Integer(), nullable=False),
    sa.Column('ruleset', sa.String(length=10), nullable=False),
    sa.Column('verdict', sa.String(length=20), nullable=False),
    sa.Column('duplicate_hook_share', sa.Float(), nullable=False),
    sa.Column('calendar_findings', sa.Text(), nullable=False),
    sa.Column('documents', sa.Text(), nullable=False),
    sa.Column('intake_findings', sa.Text(), nullable=False),
    sa.Column('evaluated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('idempotency_key', sa.String(length=200), nullable=False),
    sa.Column('request_fingerprint', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_qc_results')),
    sa.UniqueConstraint('creative_set_id', 'round_number', name=op.f('uq_qc_results_creative_set_id_round_number')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_qc_results_idempotency_key')),
    schema=schema
    )
    op.create_index(op.f('ix_qc_results_client_id'), 'qc_results', ['client_id'], unique=False, schema=schema)
    op.create_index(op.f('ix_qc_results_creative_set_id'), 'qc_results', ['creative_set_id'], unique=False, schema=schema)
    op.create_table('qc_creative_checks',
    sa.Column('qc_result_id', sa.String(length=36), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('creative_id', sa.String(length=36), nullable=False),
    sa.Column('platform', sa.String(length=20), nullable=False),
    sa.Column('pillar_index', sa.Integer(), nullable=False),
    sa.Column('findings', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['qc_result_id'], [f"{schema}.qc_results.id" if schema else "qc_results.id"], name=op.f('fk_qc_creative_checks_qc_result_id_qc_results')),
    sa.PrimaryKeyConstraint('qc_result_id', 'ordinal', name=op.f('pk_qc_creative_checks')),
    schema=schema
    )


def downgrade() -> None:
    schema = migration_schema()
    op.drop_table('qc_creative_checks', schema=schema)
    op.drop_index(op.f('ix_qc_results_creative_set_id'), table_name='qc_results', schema=schema)
    op.drop_index(op.f('ix_qc_results_client_id'), table_name='qc_results', schema=schema)
    op.drop_table('qc_results', schema=schema)
    op.drop_table('qc_outbox', schema=schema)
