"""ACL fixtures: the legacy adapters from the composition root on an empty in-memory database."""
from __future__ import annotations

import pytest

from aicmo.orchestration import bootstrap
from aicmo.orchestration.ports import ModulePorts


@pytest.fixture
def ports(request, memory_db, seeded_ids, tmp_path, monkeypatch) -> ModulePorts:
    """The legacy ACL ports, clock frozen at 2026-01-15T10:00Z after they are built."""
    monkeypatch.chdir(tmp_path)
    for name in ("AICMO_E2E_MODE", "AICMO_REVIEW_CHANGE_SHARE", "AICMO_OUTPUT_DIR"):
        monkeypatch.delenv(name, raising=False)
    built = bootstrap.legacy_ports()
    request.getfixturevalue("fixed_clock")  # after the imports: pydantic must not see freezegun's date
    return built


@pytest.fixture
def monitor():
    """The process-wide ownership monitor, emptied before and after the test."""
    from acl._support.ownership_monitor import MONITOR

    MONITOR.clear()
    yield MONITOR
    MONITOR.clear()
