"""Schemas under Alembic: every owner migrates an empty database on each backend, and equals its ORM tables."""
from __future__ import annotations

import pytest
from sqlalchemy import Column, Integer

from aicmo.orchestration.bootstrap import prepare_database, schema_migrations
from aicmo.shared.persistence import migrations
from aicmo.shared.persistence.metadata import owner_metadata
from aicmo.shared.persistence.migrations import DatabaseNotReady, SchemaMigrations


def test_every_owner_upgrades_an_empty_database_to_its_head(blank):
    """strangler and every new implementation: from nothing to the newest revision, each in its own version table."""
    for owner in schema_migrations():
        assert None is migrations.current_revision(blank.engine, owner)
        migrations.upgrade(blank.engine, owner)
        assert owner.head() == migrations.current_revision(blank.engine, owner)


def test_the_migrated_tables_equal_the_orm_metadata(blank):
    """No drift: what the migrations build is what the models declare, column for column."""
    for owner in schema_migrations():
        migrations.upgrade(blank.engine, owner)
        assert [] == migrations.schema_drift(blank.engine, owner), owner.owner


def test_a_model_changed_without_a_migration_is_drift(blank):
    """A column added to a model but to no revision shows up, named."""
    owner = schema_migrations()[0]
    migrations.upgrade(blank.engine, owner)
    changed = owner_metadata(owner.schema)
    for table in owner.metadata.tables.values():
        copy = table.to_metadata(changed)
        if table.name == "strangler_kill_switch":
            copy.append_column(Column("planted", Integer))
    drift = migrations.schema_drift(blank.engine, SchemaMigrations(owner.owner, owner.package, changed))
    assert [("add_column", "strangler_kill_switch", "planted")] == [(d[0], d[2], d[3].name) for d in drift]


def test_a_database_behind_its_migrations_is_refused_with_the_fix(blank):
    """No tables yet: ensure_current names the owner and the command that brings it up to date."""
    owner = schema_migrations()[0]
    with pytest.raises(DatabaseNotReady, match=r"has no tables of strangler: run `aicmo db upgrade --database-url "):
        migrations.ensure_current(blank.engine, owner)
    migrations.upgrade(blank.engine, owner, "0001")
    with pytest.raises(DatabaseNotReady, match=f"is at revision 0001, not {owner.head()}, for strangler"):
        migrations.ensure_current(blank.engine, owner)


def test_prepare_database_migrates_only_when_asked(blank):
    """The composition root checks a database it was not asked to migrate, and migrates the one it was."""
    with pytest.raises(DatabaseNotReady):
        prepare_database(blank.url)
    prepare_database(blank.url, upgrade=True)
    for owner in schema_migrations():
        migrations.ensure_current(blank.engine, owner)


def test_the_owners_keep_their_versions_apart(blank):
    """Upgrading one owner leaves the others untouched: modules migrate independently."""
    strangler, *modules = schema_migrations()
    migrations.upgrade(blank.engine, strangler)
    assert [None] * len(modules) == [migrations.current_revision(blank.engine, m) for m in modules]
