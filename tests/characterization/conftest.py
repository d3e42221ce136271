"""Characterization fixtures: every test runs legacy with a pinned clock, seeded ids and defaults.

The harness fixtures come from the aicmo.legacy_harness.pytest_plugin plugin; this file makes the clock
and ids autouse here (a characterization must never see the real clock) and resets the
legacy globals a test may have left behind (LLM client, e-mail hook, environment).
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.characterization.db_effects import effects_between
from tests.characterization.json_snapshot import extension_scrubbing


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under mutmut, the fastest tests first: a mutant's run stops at its first failing test (-x).

    mutmut runs the tests that cover a mutated function in collection order, so a mutant that a
    0.01 s grid kills could otherwise wait behind every whole-journey test of the suite.
    """
    durations = _mutation_run_durations()
    if durations:
        items.sort(key=lambda item: durations.get(item.nodeid, 0.0))


def _mutation_run_durations() -> dict[str, float]:
    # mutmut sets MUTANT_UNDER_TEST and runs pytest inside mutants/, beside its per-test timings
    stats = Path("mutmut-stats.json")
    if "MUTANT_UNDER_TEST" not in os.environ or not stats.is_file():
        return {}
    return json.loads(stats.read_text(encoding="utf-8")).get("duration_by_test", {})


@pytest.fixture(autouse=True)
def deterministic_legacy(request, seeded_ids, monkeypatch, tmp_path) -> Iterator[None]:
    """Pinned clock and ids, the template LLM, no e-mail sender, no E2E mode, cwd in tmp."""
    from backend.llm import client as llm_client
    from backend.services.cam import outreach

    # the clock is frozen only after legacy is imported: pydantic must not build a model's
    # schema while `date` is freezegun's (a file run alone imports legacy here first)
    request.getfixturevalue("fixed_clock")

    for name in ("AICMO_E2E_MODE", "AICMO_REVIEW_CHANGE_SHARE", "AICMO_OUTPUT_DIR", "AICMO_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(llm_client, "_client", None)
    monkeypatch.setattr(outreach, "EMAIL_SENDER", None)
    # relative output paths ("out/...") keep the tmp dir out of what is pinned
    monkeypatch.chdir(tmp_path)
    yield


@pytest.fixture
def snapshot_json(snapshot, tmp_path):
    """The syrupy snapshot, stored as sorted JSON, one file per test module."""
    return snapshot.use_extension(extension_scrubbing({str(tmp_path): "<tmp>"}))


@pytest.fixture
def legacy_session(memory_db):
    """A session of the legacy global engine, bound to the in-memory database."""
    session = memory_db.session()
    yield session
    session.close()


@pytest.fixture
def db_effects(memory_db) -> Callable[..., tuple[Any, dict[str, Any]]]:
    """Run a callable; return (its result, the rows it inserted/updated/deleted per table).

    Give the session a service writes through, so its flushed rows are read, not rolled back.
    """

    def run(action: Callable[[], Any], session: Any = None) -> tuple[Any, dict[str, Any]]:
        before = memory_db.dump(session)
        result = action()
        if session is not None:
            session.flush()
        return result, effects_between(before, memory_db.dump(session))

    return run
