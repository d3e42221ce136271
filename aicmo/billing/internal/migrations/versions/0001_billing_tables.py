"""billing's tables: invoice records, command answers, outbox, inbox

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
    op.create_table('billing_commands',
    sa.Column('method', sa.String(length=40), nullable=False),
    sa.Column('idempotency_key', sa.String(length=200), nullable=False),
    sa.Column('request_fingerprint', sa.String(length=64), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('ids_drawn', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('method', 'idempotency_key', name=op.f('pk_billing_commands')),
    schema=schema
    )
    op.create_table('billing_inbox',
    sa.Column('subscriber', sa.String(length=80), nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('subscriber', 'event_id', name=op.f('pk_billing_inbox')),
    schema=schema
    )
    op.create_table('billing_invoice_records',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('lines', sa.Text(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('subtotal', sa.String(length=40), nullable=False),
    sa.Column('tax_rate', sa.String(length=40), nullable=False),
    sa.Column('tax', sa.String(length=40), nullable=False),
    sa.Column('total', sa.String(length=40), nullable=False),
    sa.Column('amount_paid', sa.String(length=40), nullable=False),
    sa.Column('outstanding', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('issue_date', sa.Date(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('state_before', sa.Text(), nullable=True),
    sa.Column('changes', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_billing_invoice_records')),
    schema=schema
    )
    op.create_index(op.f('ix_billing_invoice_records_client_id'), 'billing_invoice_records', ['client_id'], unique=False, schema=schema)
    op.create_table('billing_outbox',
    sa.Column('sequence', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('event_type', sa.String(length=80), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('sequence', name=op.f('pk_billing_outbox')),
    sa.UniqueConstraint('event_id', name=op.f('uq_billing_outbox_event_id')),
    schema=schema
    )


def downgrade() -> None:
    schema = migration_schema()
    op.drop_table('billing_outbox', schema=schema)
    op.drop_index(op.f('ix_billing_invoice_records_client_id'), table_name='billing_invoice_records', schema=schema)
    op.drop_table('billing_invoice_records', schema=schema)
    op.drop_table('billing_inbox', schema=schema)
    op.drop_table('billing_commands', schema=schema)
