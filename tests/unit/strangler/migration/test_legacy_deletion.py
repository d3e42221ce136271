"""The legacy freeze allows deleting exactly the files of modules whose route reached `deleted`."""
from __future__ import annotations

import json

from aicmo.strangler.legacy_deletion import deletable_legacy_files, deleted_modules, legacy_owner
from aicmo.strangler.legacy_freeze import FreezeViolation, check_freeze, write_manifest
from aicmo.strangler.routes import Route

from .conftest import full_evidence, move

LEGACY_MAP = {"backend": "legacy-infra", "backend.services": "legacy-infra",
              "backend.services.qc": "qc", "backend.services.qc_rules": "qc", "backend.services.qcx": "cam"}


def test_a_file_belongs_to_the_longest_prefix():
    """qc_rules is qc's, qcx is not, even though both start with 'qc'; packages map through __init__."""
    assert ["qc", "qc", "cam", "qc", "legacy-infra", None] == [
        legacy_owner(p, LEGACY_MAP) for p in ("backend/services/qc.py", "backend/services/qc_rules.py",
                                              "backend/services/qcx.py", "backend/services/qc/__init__.py",
                                              "backend/db/session.py", "aicmo/domain/models.py")]


def test_deleting_a_deleted_modules_legacy_passes_the_freeze(sessions, clock, recorder, tmp_path):
    """With qc deleted its files may go; deleting another module's file still fails."""
    for name in ("qc.py", "qc_rules.py", "qcx.py"):
        (tmp_path / "backend/services").mkdir(parents=True, exist_ok=True)
        (tmp_path / "backend/services" / name).write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.aicmo]\nlegacy = ["backend"]\nmodules = { qc = [], cam = [] }\n', encoding="utf-8")
    write_manifest(tmp_path)
    full_evidence(recorder)
    move(sessions, clock, "qc", Route.SHADOW, Route.NEW, Route.DELETED)
    for name in ("qc.py", "qc_rules.py", "qcx.py"):
        (tmp_path / "backend/services" / name).unlink()
    with sessions() as session:
        deletable = deletable_legacy_files(tmp_path, LEGACY_MAP, deleted_modules(session))
    assert ["backend/services/qc.py", "backend/services/qc_rules.py"] == deletable
    assert [FreezeViolation("deleted", "backend/services/qcx.py")] == check_freeze(tmp_path, deletable=deletable)


def test_no_module_deleted_means_nothing_deletable(sessions, clock, tmp_path):
    """A module on new keeps its legacy files frozen (they are its rollback)."""
    (tmp_path / "legacy-manifest.json").write_text(json.dumps({"files": {"backend/services/qc.py": "0"}}), encoding="utf-8")
    move(sessions, clock, "qc", Route.SHADOW)
    with sessions() as session:
        assert [] == deletable_legacy_files(tmp_path, LEGACY_MAP, deleted_modules(session))
