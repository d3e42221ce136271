"""Bad input: one line naming file and field, exit code 2, nothing written."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import EXAMPLES, tree_digest

BAD_INTAKES = {
    "invalid_json": ('{"brand_name": "Acme",', "invalid JSON"),
    "wrong_type": ('{"brand_name": "Acme", "target_audiences": "everyone"}', "field 'target_audiences'"),
    "unknown_pack": ('{"brand_name": "Acme", "pack": "mega_bundle"}', "field 'pack'"),
    "not_an_object": ('["brand_name"]', "expected a JSON object"),
    "bad_goal": ('{"brand_name": "Acme", "primary_goal": "fame"}', "field 'primary_goal'"),
}


@pytest.fixture
def existing_state(aicmo, workdir):
    """A folder that already holds one client, so 'untouched' is checked against real data."""
    assert 0 == aicmo("demo").exit_code
    return tree_digest(workdir)


@pytest.mark.parametrize("case", sorted(BAD_INTAKES))
def test_bad_intake_exits_2_and_writes_nothing(aicmo, workdir, existing_state, case):
    """Each malformed intake is refused before the database or out/ is touched."""
    content, expected = BAD_INTAKES[case]
    intake = workdir / f"{case}.json"
    intake.write_text(content)
    before = tree_digest(workdir)
    result = aicmo("run", intake)
    assert 2 == result.exit_code
    assert expected in result.stderr
    assert f"{case}.json" in result.stderr
    assert 1 == len(result.stderr.strip().splitlines())
    assert before == tree_digest(workdir)


def test_missing_intake_file_exits_2_in_an_empty_folder(aicmo, workdir):
    """A missing file is named; no database or out/ folder appears."""
    result = aicmo("run", "missing.json")
    assert 2 == result.exit_code
    assert "missing.json: file not found" in result.stderr
    assert {} == tree_digest(workdir)


def test_bad_database_url_exits_2(aicmo, workdir):
    """A malformed --database-url is bad input too."""
    result = aicmo("run", EXAMPLES / "intake_us_sales.json", "--database-url", "not a url")
    assert 2 == result.exit_code
    assert "--database-url" in result.stderr
    assert {} == tree_digest(workdir)


def test_bad_at_exits_2(aicmo, workdir):
    """An --at that is not an ISO time is refused."""
    result = aicmo("run", EXAMPLES / "intake_us_sales.json", "--at", "yesterday")
    assert 2 == result.exit_code
    assert "--at" in result.stderr
    assert {} == tree_digest(workdir)


def test_an_unusable_shadow_timeout_exits_2(aicmo, workdir, monkeypatch):
    """AICMO_SHADOW_TIMEOUT_S that is not a usable number of seconds is refused in one line, before anything is written."""
    monkeypatch.setenv("AICMO_SHADOW_TIMEOUT_S", "soon")
    result = aicmo("run", EXAMPLES / "intake_us_sales.json", "--route", "qc=shadow")
    assert 2 == result.exit_code
    assert "AICMO_SHADOW_TIMEOUT_S='soon'" in result.stderr
    assert 1 == len(result.stderr.strip().splitlines())
    assert {} == tree_digest(workdir)
