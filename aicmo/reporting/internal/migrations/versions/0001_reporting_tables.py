"""reporting's tables: reports, simulated metric rows, command answers, outbox

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
    op.create_table('reporting_commands',
    sa.Column('method', sa.String(length=40), nullable=False),
    sa.Column('idempotency_key', sa.String(length=200), nullable=False),
    sa.Column('request_fingerprint', sa.String(length=64), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('ids_drawn', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('method', 'idempotency_key', name=op.f('pk_reporting_commands')),
    schema=schema
    )
    op.create_table('reporting_metric_rows',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('report_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=40), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('impressions', sa.Integer(), nullable=False),
    sa.Column('clicks', sa.Integer(), nullable=False),
    sa.Column('conversions', sa.Integer(), nullable=False),
    sa.Column('spend', sa.String(length=40), nullable=False),
    sa.Column('revenue', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reporting_metric_rows')),
    schema=schema
    )
    op.create_index(op.f('ix_reporting_metric_rows_report_id'), 'reporting_metric_rows', ['report_id'], unique=False, schema=schema)
    op.create_table('reporting_outbox',
    sa.Column('sequence', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('event_type', sa.String(length=80), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('sequence', name=op.f('pk_reporting_outbox')),
    sa.UniqueConstraint('event_id', name=op.f('uq_reporting_outbox_event_id')),
    schema=schema
    )
    op.create_table('reporting_reports',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('report', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reporting_reports')),
    schema=schema
    )
    op.create_index(op.f('ix_reporting_reports_client_id'), 'reporting_reports', ['client_id'], unique=False, schema=schema)


def downgrade() -> None:
    schema = migration_schema()
    op.drop_index(op.f('ix_reporting_reports_client_id'), table_name='reporting_reports', schema=schema)
    op.drop_table('reporting_reports', schema=schema)
    op.drop_table('reporting_outbox', schema=schema)
    op.drop_index(op.f('ix_reporting_metric_rows_report_id'), table_name='reporting_metric_rows', schema=schema)
    op.drop_table('reporting_metric_rows', schema=schema)
    op.drop_table('reporting_commands', schema=schema)
