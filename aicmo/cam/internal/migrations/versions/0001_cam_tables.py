"""cam's tables: campaign, lead, attempt and reply records, command answers, outbox

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
    op.create_table('cam_attempt_records',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('lead_id', sa.String(length=36), nullable=False),
    sa.Column('campaign_id', sa.String(length=36), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('sequence_step', sa.Integer(), nullable=False),
    sa.Column('message_hash', sa.String(length=64), nullable=False),
    sa.Column('subject', sa.String(length=255), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('simulated', sa.Boolean(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('attempted_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cam_attempt_records')),
    schema=schema
    )
    op.create_index(op.f('ix_cam_attempt_records_attempted_at'), 'cam_attempt_records', ['attempted_at'], unique=False, schema=schema)
    op.create_index(op.f('ix_cam_attempt_records_campaign_id'), 'cam_attempt_records', ['campaign_id'], unique=False, schema=schema)
    op.create_index(op.f('ix_cam_attempt_records_lead_id'), 'cam_attempt_records', ['lead_id'], unique=False, schema=schema)
    op.create_table('cam_campaign_records',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('settings', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cam_campaign_records')),
    schema=schema
    )
    op.create_table('cam_commands',
    sa.Column('method', sa.String(length=40), nullable=False),
    sa.Column('idempotency_key', sa.String(length=200), nullable=False),
    sa.Column('request_fingerprint', sa.String(length=64), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('ids_drawn', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('method', 'idempotency_key', name=op.f('pk_cam_commands')),
    schema=schema
    )
    op.create_table('cam_lead_records',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('campaign_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('email_key', sa.String(length=255), nullable=False),
    sa.Column('profile', sa.Text(), nullable=False),
    sa.Column('icp_fit', sa.Float(), nullable=True),
    sa.Column('opportunity', sa.Float(), nullable=True),
    sa.Column('lead_score', sa.Float(), nullable=True),
    sa.Column('tier', sa.String(length=10), nullable=True),
    sa.Column('tags', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('qualification_status', sa.String(length=20), nullable=True),
    sa.Column('rejection_reason', sa.String(length=40), nullable=True),
    sa.Column('intent_score', sa.Float(), nullable=True),
    sa.Column('grade', sa.String(length=1), nullable=True),
    sa.Column('routing_sequence', sa.String(length=40), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('next_action_at', sa.String(length=40), nullable=True),
    sa.Column('first_contacted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_contacted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_replied_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cam_lead_records')),
    schema=schema
    )
    op.create_index(op.f('ix_cam_lead_records_campaign_id'), 'cam_lead_records', ['campaign_id'], unique=False, schema=schema)
    op.create_index(op.f('ix_cam_lead_records_email_key'), 'cam_lead_records', ['email_key'], unique=False, schema=schema)
    op.create_table('cam_outbox',
    sa.Column('sequence', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('event_type', sa.String(length=80), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('sequence', name=op.f('pk_cam_outbox')),
    sa.UniqueConstraint('event_id'),
    schema=schema
    )
    op.create_table('cam_reply_records',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('lead_id', sa.String(length=36), nullable=True),
    sa.Column('email', sa.String(length=255), nullable=False),
    sa.Column('received_at', sa.String(length=40), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('processed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cam_reply_records')),
    schema=schema
    )
    op.create_index(op.f('ix_cam_reply_records_lead_id'), 'cam_reply_records', ['lead_id'], unique=False, schema=schema)


def downgrade() -> None:
    schema = migration_schema()
    op.drop_index(op.f('ix_cam_reply_records_lead_id'), table_name='cam_reply_records', schema=schema)
    op.drop_table('cam_reply_records', schema=schema)
    op.drop_table('cam_outbox', schema=schema)
    op.drop_index(op.f('ix_cam_lead_records_email_key'), table_name='cam_lead_records', schema=schema)
    op.drop_index(op.f('ix_cam_lead_records_campaign_id'), table_name='cam_lead_records', schema=schema)
    op.drop_table('cam_lead_records', schema=schema)
    op.drop_table('cam_commands', schema=schema)
    op.drop_table('cam_campaign_records', schema=schema)
    op.drop_index(op.f('ix_cam_attempt_records_lead_id'), table_name='cam_attempt_records', schema=schema)
    op.drop_index(op.f('ix_cam_attempt_records_campaign_id'), table_name='cam_attempt_records', schema=schema)
    op.drop_index(op.f('ix_cam_attempt_records_attempted_at'), table_name='cam_attempt_records', schema=schema)
    op.drop_table('cam_attempt_records', schema=schema)
