"""`aicmo shadow replay` on the real wiring: QC's new implementation, its legacy adapter, on each backend.

A planted bug in the new QC (a document score off by one) is recorded through the routed port
under shadow; the replay lists it as still mismatching (exit 1) while the bug is there, and as
fixed (exit 0) once it is gone, in text and in json, and every table keeps its row count.
"""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, inspect, select, text
from typer.testing import CliRunner

from aicmo.cli import app
from aicmo.orchestration.bootstrap import routed_ports
from aicmo.qc.api import DocumentText
from aicmo.qc.internal.service import QcService
from aicmo.shared.persistence.engines import engine_for, forget_engine
from aicmo.strangler.dispatch import RAISE_ENV
from aicmo.strangler.evidence.comparison_batch import flush_comparisons
from aicmo.strangler.routes import Route

runner = CliRunner()

DOCUMENTS = [DocumentText(section="overview", text=text) for text in (
    "Our brand helps small bakeries grow with weekly posts and a clear voice.",
    "A short overview.",
)]


def off_by_one(real):
    def score_document(self, document):
        answer = real(self, document)
        return answer.model_copy(update={"score": max(answer.score - 1, 0)}) if "bakeries" in document.text else answer
    return score_document


@pytest.fixture
def recorded(legacy_database, database, monkeypatch):
    """Two documents scored under shadow through the routed QC port, the first one by a buggy new QC."""
    monkeypatch.setenv(RAISE_ENV, "0")
    flush_comparisons()
    real = QcService.score_document
    monkeypatch.setattr(QcService, "score_document", off_by_one(real))
    ports = routed_ports(database.url, {"qc": Route.SHADOW})
    for document in DOCUMENTS:
        ports.qc.score_document(document)
    flush_comparisons()
    yield database.url, monkeypatch, real
    # the candidate worker keeps its connection, guarded as QC's for the rest of its life: later tests of this
    # database get another engine, so a connection of their own
    forget_engine(database.url)


def replay(url, *args):
    return runner.invoke(app, ["shadow", "replay", "qc", *args, "--database-url", url])


def row_counts(url):
    with engine_for(url).connect() as connection:
        inspector = inspect(connection)
        return {(schema, name): connection.scalar(select(func.count()).select_from(text(f'"{schema}"."{name}"')))
                for schema in inspector.get_schema_names() if schema != "information_schema"
                for name in inspector.get_table_names(schema=schema)}


def test_the_planted_bug_remains_then_is_fixed_and_nothing_is_written(recorded):
    url, monkeypatch, real = recorded
    before = row_counts(url)
    still = replay(url)
    assert 1 == still.exit_code, still.output
    assert "still mismatching:" in still.output and "score: " in still.output
    monkeypatch.setattr(QcService, "score_document", real)  # the fix
    fixed = replay(url, "--format", "json")
    assert 0 == fixed.exit_code, fixed.output
    [module] = json.loads(fixed.stdout)["modules"]
    assert ({"fixed": 1, "still_matching": 1}, ["score_document"]) == (
        {kind: n for kind, n in module["counts"].items() if n}, [one["method"] for one in module["fixed"]])
    assert before == row_counts(url)


def test_mismatches_only_replays_the_mismatch_alone(recorded):
    url, _, _ = recorded
    result = replay(url, "--mismatches-only", "--format", "json")
    [module] = json.loads(result.stdout)["modules"]
    assert (1, 1, 1) == (result.exit_code, module["replayed"], len(module["still_mismatching"]))


@pytest.mark.parametrize("module, message", [("quality", "unknown module 'quality'"),
                                             ("retention", "retention has no new implementation")])
def test_a_module_it_cannot_replay_is_bad_input_before_any_database_is_opened(tmp_path, monkeypatch, module, message):
    from aicmo.orchestration import bootstrap

    # every module has a new implementation now: one without is planted by leaving retention's out
    without = tuple(name for name in bootstrap.NEW_IMPLEMENTATIONS if name != "retention")
    monkeypatch.setattr(bootstrap, "NEW_IMPLEMENTATIONS", without)
    missing = tmp_path / "never.db"
    result = runner.invoke(app, ["shadow", "replay", module, "--database-url", f"sqlite:///{missing}"])
    assert (2, True, False) == (result.exit_code, message in result.output, missing.exists())
