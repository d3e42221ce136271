"""The table ownership registry: every table has exactly one owner module."""
from __future__ import annotations

import pytest

from aicmo.shared.persistence import ownership
from aicmo.shared.persistence.ownership import OwnershipError, owner_of, register_table
from backend.db.models import Base


def test_every_legacy_table_has_an_owner():
    """Each table of the legacy Base is in the registry (spec section 11)."""
    assert set(Base.metadata.tables) == set(ownership.LEGACY_TABLE_OWNERS)
    assert "production" == owner_of("creative_assets")
    assert "billing" == owner_of("billing_invoices")


def test_an_unknown_table_has_no_owner():
    """Asking for the owner of an unregistered table is an error naming the table."""
    with pytest.raises(OwnershipError, match="no_such_table has no owner"):
        owner_of("no_such_table")


def test_a_second_owner_is_refused(monkeypatch):
    """A table cannot be owned by two modules."""
    monkeypatch.setattr(ownership, "_owners", dict(ownership.LEGACY_TABLE_OWNERS))
    register_table("qc_results", "qc")
    register_table("qc_results", "qc")
    with pytest.raises(OwnershipError, match="owned by qc"):
        register_table("qc_results", "production")


def test_an_unknown_module_cannot_own_a_table(monkeypatch):
    """Owners are the ten business modules."""
    monkeypatch.setattr(ownership, "_owners", dict(ownership.LEGACY_TABLE_OWNERS))
    with pytest.raises(OwnershipError, match="unknown owner module"):
        register_table("x", "marketing")
