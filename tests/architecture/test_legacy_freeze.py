"""Legacy is frozen: the committed manifest must match the legacy files byte for byte."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aicmo.strangler.legacy_freeze import FreezeViolation, check_freeze, legacy_files, write_manifest

REPO = Path(__file__).resolve().parents[2]


def test_legacy_files_match_the_committed_manifest():
    """No legacy file was modified, added or deleted since the freeze."""
    assert [] == [str(v) for v in check_freeze(REPO)]


def test_the_manifest_covers_every_legacy_area():
    """The legacy roots of the configuration are backend/, aicmo/domain/, aicmo/core/ and the operator flow."""
    files = legacy_files(REPO)
    assert "aicmo/operator_services.py" in files
    for prefix in ("backend/", "aicmo/domain/", "aicmo/core/"):
        assert any(f.startswith(prefix) for f in files), prefix


@pytest.fixture
def frozen_copy(tmp_path):
    """A copy of the legacy tree, its manifest and the configuration naming it, to plant changes in."""
    for folder in ("backend", "aicmo/domain", "aicmo/core"):
        shutil.copytree(REPO / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("aicmo/operator_services.py", "legacy-manifest.json", "pyproject.toml"):
        shutil.copy(REPO / name, tmp_path / name)
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


def test_a_legacy_root_added_to_the_configuration_is_frozen_too(frozen_copy):
    """The freeze covers [tool.aicmo] legacy: a root added there puts its files under the freeze."""
    (frozen_copy / "oldbilling").mkdir()
    (frozen_copy / "oldbilling/ledger.py").write_text("RATE = 0.2\n")
    assert [] == check_freeze(frozen_copy)  # not legacy yet: no finding
    pyproject = frozen_copy / "pyproject.toml"
    declared = 'legacy = ["backend", "aicmo.domain", "aicmo.core", "aicmo.operator_services"]'
    assert declared in pyproject.read_text()
    pyproject.write_text(pyproject.read_text().replace(declared, declared[:-1] + ', "oldbilling"]'))
    assert [FreezeViolation("added", "oldbilling/ledger.py")] == check_freeze(frozen_copy)
    write_manifest(frozen_copy)  # frozen now: a later edit is caught
    (frozen_copy / "oldbilling/ledger.py").write_text("RATE = 0.19\n")
    assert [FreezeViolation("modified", "oldbilling/ledger.py")] == check_freeze(frozen_copy)


def test_a_legacy_root_dropped_from_the_configuration_leaves_its_frozen_files_deleted(frozen_copy):
    """Taking a root out of [tool.aicmo] legacy does not unfreeze it: its manifest files count as deleted."""
    pyproject = frozen_copy / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('"aicmo.operator_services"]', "]"))
    assert [FreezeViolation("deleted", "aicmo/operator_services.py")] == check_freeze(frozen_copy)


def test_a_deleted_legacy_file_fails_until_its_module_is_deleted(frozen_copy):
    """Deletion fails unless the file's module reached `deleted`."""
    (frozen_copy / "backend/services/retention.py").unlink()
    assert [FreezeViolation("deleted", "backend/services/retention.py")] == check_freeze(frozen_copy)
    assert [] == check_freeze(frozen_copy, deletable=["backend/services/retention.py"])
