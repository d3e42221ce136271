"""onboarding's tables: projects, their changes, outbox, inbox.

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
    op.create_table('onboarding_inbox',
    sa.Column('subscriber', sa.String(length=80), nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('subscriber', 'event_id', name=op.f('pk_onboarding_inbox')),
    schema=schema
    )
    op.create_table('onboarding_outbox',
    sa.Column('sequence', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('event_type', sa.String(length=80), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('sequence', name=op.f('pk_onboarding_outbox')),
    sa.UniqueConstraint('event_id', name=op.f('uq_onboarding_outbox_event_id')),
    schema=schema
    )
    op.create_table('onboarding_projects',
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=40), nullable=False),
    sa.Column('pack', sa.String(length=40), nullable=False),
    sa.Column('intake', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('view_version', sa.Integer(), nullable=False),
    sa.Column('strategy_status_seen', sa.String(length=20), nullable=True),
    sa.Column('idempotency_key', sa.String(length=200), nullable=False),
    sa.Column('request_fingerprint', sa.String(length=64), nullable=False),
    sa.Column('ids_drawn', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('client_id', name=op.f('pk_onboarding_projects')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_onboarding_projects_idempotency_key')),
    schema=schema
    )
    op.create_table('onboarding_project_changes',
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('state_before', sa.String(length=40), nullable=False),
    sa.Column('state_after', sa.String(length=40), nullable=False),
    sa.Column('description_before', sa.Text(), nullable=False),
    sa.Column('description_after', sa.Text(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('idempotency_key', sa.String(length=200), nullable=True),
    sa.Column('request_fingerprint', sa.String(length=64), nullable=True),
    sa.Column('ids_drawn', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['client_id'],
                            [f"{schema}.onboarding_projects.client_id" if schema else "onboarding_projects.client_id"],
                            name=op.f('fk_onboarding_project_changes_client_id_onboarding_projects')),
    sa.PrimaryKeyConstraint('client_id', 'version', name=op.f('pk_onboarding_project_changes')),
    sa.UniqueConstraint('kind', 'idempotency_key', name=op.f('uq_onboarding_project_changes_kind_idempotency_key')),
    schema=schema
    )


def downgrade() -> None:
    schema = migration_schema()
    op.drop_table('onboarding_project_changes', schema=schema)
    op.drop_table('onboarding_projects', schema=schema)
    op.drop_table('onboarding_outbox', schema=schema)
    op.drop_table('onboarding_inbox', schema=schema)
