"""The characterization snapshot extension itself: sorted JSON, one file per module, failing on missing and unused."""
from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from aicmo.domain import ClientIntake, ProjectState
from backend.db.models import ReportSnapshotRow
from tests.characterization.json_snapshot import extension_scrubbing, to_json

pytest_plugins = ["pytester"]
pytestmark = pytest.mark.legacy_internals("domain")

SNAPSHOT_TEST = """
from tests.characterization.json_snapshot import ModuleJSONExtension

def test_pinned(snapshot):
    assert snapshot.use_extension(ModuleJSONExtension) == {"b": [1, 2], "a": "x"}
"""


def test_pydantic_models_and_sqlalchemy_rows_become_plain_json():
    """Models dump in JSON mode, rows by their mapped columns, dates as ISO text, enums as values."""
    row = ReportSnapshotRow(id="r", campaign_id="c", period_start=date(2026, 1, 1), period_end=date(2026, 1, 2), payload_json="{}", created_at=datetime(2026, 1, 2, 3))
    assert {"id": "r", "campaign_id": "c", "period_start": "2026-01-01", "period_end": "2026-01-02", "payload_json": "{}", "created_at": "2026-01-02T03:00:00"} == to_json(row)
    assert "Unknown" == to_json(ClientIntake.from_request({}))["brand_name"]
    assert ["QC_FAILED", {"sha256": "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", "bytes": 5}] == to_json((ProjectState.QC_FAILED, b"hello"))


def test_values_json_cannot_hold_are_refused():
    """An unknown object is an error, never its repr (which could pin a memory address)."""
    with pytest.raises(TypeError, match="cannot snapshot"):
        to_json(object())


def test_only_the_registered_volatile_text_is_scrubbed(tmp_path):
    """The temporary directory becomes <tmp>; everything else is kept, keys sorted."""
    extension = extension_scrubbing({str(tmp_path): "<tmp>"})()
    serialized = extension.serialize({"z": f"{tmp_path}/out/a.zip", "a": "2026-01-15T10:00:00"})
    assert {"a": "2026-01-15T10:00:00", "z": "<tmp>/out/a.zip"} == json.loads(serialized)
    assert serialized.index('"a"') < serialized.index('"z"')


def test_snapshots_fail_when_missing_changed_or_unused(pytester):
    """A missing snapshot fails, --snapshot-update writes one JSON file per module, extras fail."""
    pytester.makepyfile(test_module=SNAPSHOT_TEST)
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(failed=1)
    pytester.runpytest("-p", "no:cacheprovider", "--snapshot-update").assert_outcomes(passed=1)
    stored = pytester.path / "__snapshots__" / "test_module.json"
    assert {"test_pinned": {"a": "x", "b": [1, 2]}} == json.loads(stored.read_text())
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)
    stored.write_text(json.dumps({"test_pinned": {"a": "x", "b": [1, 2]}, "test_gone": 1}))
    assert 0 != pytester.runpytest("-p", "no:cacheprovider").ret
    stored.write_text(json.dumps({"test_pinned": {"a": "y", "b": [1, 2]}}))
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(failed=1)

