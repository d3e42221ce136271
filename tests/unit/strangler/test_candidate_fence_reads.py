"""What the candidate fence lets a collaborator send outside the doomed transaction: reads only."""
from __future__ import annotations

import pytest

from aicmo.strangler.dispatch.candidate_fence import is_read

READS = [
    "SELECT id FROM cam_leads WHERE id = ?",
    "SELECT 'update cam_campaigns set x = 1' AS quoted",  # a literal that reads like a write
    "WITH recent AS (SELECT id FROM cam_leads) SELECT * FROM recent",
    "BEGIN",
    "SAVEPOINT sa_savepoint_1",
    "PRAGMA table_info(cam_leads)",
]
WRITES = [
    "SELECT 1; DELETE FROM cam_leads",
    "SELECT 1 /* harmless */; INSERT/**/INTO cam_leads (id) VALUES ('x')",
    "WITH gone AS (DELETE FROM cam_leads RETURNING id) SELECT * FROM gone",
    "SELECT id FROM cam_leads FOR UPDATE",
    "SELECT set_config('role', 'postgres', false)",
    "UPDATE cam_leads SET status = 'X'",
    "PRAGMA foreign_keys=OFF",
    "COMMIT",
]


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
@pytest.mark.parametrize("statement", READS)
def test_reads_pass(statement, dialect):
    if statement.startswith("PRAGMA") and dialect == "postgresql":
        pytest.skip("SQLite's statement")
    assert is_read(statement, dialect)


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
@pytest.mark.parametrize("statement", WRITES)
def test_writes_are_not_reads(statement, dialect):
    assert not is_read(statement, dialect)
