"""The strangler owns its own tables: registered apart from the ten modules, written only by its package."""
from __future__ import annotations

import importlib

import pytest

from aicmo.shared.persistence import ownership
from aicmo.shared.persistence.ownership import MODULES, owner_of, register_table
from aicmo.strangler.routes import StranglerBase

from .test_ownership_static import ledger, plant  # noqa: F401  (the planted tree and its helper)

check_module = importlib.import_module("aicmo.strangler.ownership.check")


def test_every_strangler_table_is_owned_by_the_strangler():
    """Each table of the strangler's own metadata is registered to "strangler", which is not a business module."""
    import aicmo.strangler.evidence.tables  # noqa: F401  (registers the evidence tables)

    assert {"strangler"} == {owner_of(t.name) for t in StranglerBase.metadata.tables.values()}
    assert "strangler" not in MODULES


def test_the_strangler_can_register_a_table_but_a_made_up_owner_cannot(monkeypatch):
    """Infrastructure owners are a closed list, like the modules."""
    monkeypatch.setattr(ownership, "_owners", dict(ownership.LEGACY_TABLE_OWNERS))
    register_table("strangler_extra", "strangler")
    with pytest.raises(ownership.OwnershipError, match="unknown owner module"):
        register_table("x", "migrations")


def test_infrastructure_writes_its_own_table_but_a_module_may_not(ledger, monkeypatch):  # noqa: F811
    """Code in the owner's package writing its table passes; delivery writing it is a foreign write."""
    monkeypatch.setattr(check_module, "INFRASTRUCTURE_OWNERS", {"strangler": "ledger.migration"})
    (ledger / "ledger/migration").mkdir()
    (ledger / "ledger/migration/__init__.py").write_text("")
    # the owner is declared as the strangler's tables are: a literal register_table call the check reads
    (ledger / "ledger/migration/audit.py").write_text(
        "from sqlalchemy import text\nfrom aicmo.shared.persistence.ownership import register_table\n\n"
        "register_table('routes_audit', 'strangler')\n\n"
        "def audit(session):\n    session.execute(text('INSERT INTO routes_audit VALUES (1)'))\n"
    )
    body = "def tamper(session):\n    session.execute(text('DELETE FROM routes_audit'))\n"
    assert [("foreign-write", "foreign-write:ledger.delivery.service.tamper->routes_audit")] == plant(ledger, body)
