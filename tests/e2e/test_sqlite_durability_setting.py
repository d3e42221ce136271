"""AICMO_SQLITE_SYNCHRONOUS from the command line: a bad level is bad input on SQLite; PostgreSQL ignores it."""
from __future__ import annotations

from tests.e2e.conftest import EXAMPLES, tree_digest


def test_a_bad_level_is_refused_in_one_line_before_anything_is_written_and_postgresql_ignores_it(
    aicmo, workdir, monkeypatch, fresh_database_url
):
    monkeypatch.setenv("AICMO_SQLITE_SYNCHRONOUS", "sometimes")
    before = tree_digest(workdir)
    result = aicmo("run", EXAMPLES / "intake_us_sales.json", "--database-url", fresh_database_url)
    if fresh_database_url.startswith("sqlite"):
        assert 2 == result.exit_code, result.output
        assert "AICMO_SQLITE_SYNCHRONOUS='sometimes'" in result.stderr
        assert 1 == len(result.stderr.strip().splitlines())
        assert before == tree_digest(workdir)
    else:
        assert 0 == result.exit_code, result.stderr  # a server's durability is the server's
