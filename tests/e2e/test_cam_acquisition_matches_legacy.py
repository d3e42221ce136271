"""cam on its new path, as a user runs it: `aicmo acquire` gives the legacy acquisition, byte for byte.

`aicmo acquire examples/leads.csv --replies examples/replies.csv --reproducible --json -`, single
and batch scoring, in batches of three leads (several batches, resumable runs' unit) and of the
default size, on SQLite and on PostgreSQL, with cam alone on `new` (every module on `new` at once:
test_acquisitions_on_new_paths_match_legacy.py), against the all-legacy run on the same backend, each from an empty database. Equal
are: the exit code and the printed JSON, and every legacy table (the acquisition rows the
legacy view keeps, the project rows the conversions onboard). And cam answered from its own
tables, so no route silently answered from legacy.
"""
from __future__ import annotations

import json

import pytest

from tests.e2e.conftest import EXAMPLES
from tests.e2e.test_new_paths_match_legacy import LEGACY_TABLES, empty_database, legacy_tables, own_rows  # noqa: F401

ROUTE_SETS = {"cam=new": ("cam",)}
_legacy_runs: dict[tuple[str, tuple[str, ...]], tuple[str, dict]] = {}


def _acquire(aicmo, url: str, options: tuple[str, ...], modules: tuple[str, ...]) -> tuple[str, dict]:
    routes = [arg for module in modules for arg in ("--route", f"{module}=new")]
    result = aicmo("acquire", EXAMPLES / "leads.csv", "--replies", EXAMPLES / "replies.csv", "--at", "2026-01-15T10:00:00Z",
                   "--reproducible", "--json", "-", "--database-url", url, *options, *routes)
    assert 0 == result.exit_code, result.output[-3000:]
    return result.stdout, legacy_tables(url)


@pytest.mark.parametrize("modules", list(ROUTE_SETS.values()), ids=list(ROUTE_SETS))
@pytest.mark.parametrize("options", [(), ("--batch",), ("--batch-size", "3")], ids=["single", "batch", "batches-of-3"])
def test_an_acquisition_on_the_new_cam_is_the_legacy_one(aicmo, workdir, empty_database, options, modules):
    key = (empty_database.backend, options)
    if key not in _legacy_runs:
        _legacy_runs[key] = _acquire(aicmo, empty_database(), options, ())
    legacy_output, legacy_rows = _legacy_runs[key]
    assert json.loads(legacy_output)["leads"] and legacy_rows["cam_leads"]  # a real acquisition
    url = empty_database()
    output, rows = _acquire(aicmo, url, options, modules)
    assert own_rows(url, "cam") > 0  # cam answered from its own tables
    assert output == legacy_output
    for table in LEGACY_TABLES:
        assert rows[table] == legacy_rows[table], table
