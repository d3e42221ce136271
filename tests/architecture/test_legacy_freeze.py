"""Legacy is frozen: the committed manifest must match the legacy files byte for byte."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aicmo.strangler.legacy_freeze import FreezeViolation, check_freeze, legacy_files

REPO = Path(__file__).resolve().parents[2]


def test_legacy_files_match_the_committed_manifest():
    """No legacy file was modified, added or deleted since the freeze."""
    assert [] == [str(v) for v in check_freeze(REPO)]


def test_the_manifest_covers_every_legacy_area():
    """The manifest holds backend/, aicmo/domain/, aicmo/core/ and the operator flow."""
    files = legacy_files(REPO)
    assert "aicmo/operator_services.py" in files
    for prefix in ("backend/", "aicmo/domain/", "aicmo/core/"):
        assert any(f.startswith(prefix) for f in files), prefix


@pytest.fixture
def frozen_copy(tmp_path):
    """A copy of the legacy tree and its manifest, to plant changes in."""
    for folder in ("backend", "aicmo/domain", "aicmo/core"):
        shutil.copytree(REPO / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "aicmo/operator_services.py", tmp_path / "aicmo/operator_services.py")
    shutil.copy(REPO / "legacy-manifest.json", tmp_path / "legacy-manifest.json")
    assert [] == check_freeze(tmp_path)
    return tmp_path


def test_a_modified_legacy_file_fails(frozen_copy):
    """One changed byte in a legacy service is caught."""
    target = frozen_copy / "backend/services/billing.py"
    target.write_text(target.read_text().replace("0.20", "0.19"))
    assert [FreezeViolation("modified", "backend/services/billing.py")] == check_freeze(frozen_copy)


def test_an_added_legacy_file_fails(frozen_copy):
    """A new file inside a legacy folder is caught."""
    (frozen_copy / "aicmo/domain/extra.py").write_text("x = 1\n")
    assert [FreezeViolation("added", "aicmo/domain/extra.py")] == check_freeze(frozen_copy)


def test_a_deleted_legacy_file_fails_until_its_module_is_deleted(frozen_copy):
    """Deletion fails unless the file's module reached `deleted`."""
    (frozen_copy / "backend/services/retention.py").unlink()
    assert [FreezeViolation("deleted", "backend/services/retention.py")] == check_freeze(frozen_copy)
    assert [] == check_freeze(frozen_copy, deletable=["backend/services/retention.py"])
