"""`aicmo shadow report --format json`: the summaries the text shows, as one sorted document, on each backend."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from aicmo.cli import app
from aicmo.strangler.evidence import EvidenceRecorder
from aicmo.strangler.schema import open_database

runner = CliRunner()


def _timings(legacy_s: float, new_s: float) -> dict:
    return {"legacy": {"wall_s": legacy_s, "cpu_s": legacy_s / 2}, "new": {"wall_s": new_s, "cpu_s": new_s / 2}}


@pytest.fixture
def url(database, monkeypatch):
    """qc: 5 comparisons (2 matched, 1 explained by a divergence, 1 unexplained, 1 candidate timeout) and a lost one;
    cam: 1 matched."""
    monkeypatch.setenv("COLUMNS", "200")  # the whole table on one line per module
    recorder = EvidenceRecorder(open_database(database.url))
    recorder.record_comparison("qc", True, inputs={"method": "evaluate"}, timings=_timings(0.002, 0.004))
    recorder.record_comparison("qc", True, inputs={"method": "evaluate"}, timings=_timings(0.004, 0.002))
    recorder.record_comparison("qc", False, diff=[{"path": "score"}], inputs={"method": "evaluate"}, divergence="rounding-fix")
    recorder.record_comparison("qc", False, diff=[{"path": "results[0].passed"}, {"path": "round"}], inputs={"method": "evaluate"})
    recorder.record_comparison("qc", False, inputs={"method": "evaluate"}, candidate_error="timeout: 2 s", candidate_fault="timeout")
    recorder.record_lost_comparison("qc", "evaluate", "database refused")
    recorder.record_comparison("cam", True, inputs={"method": "score_leads"})
    return database.url


def report(url, *args):
    return runner.invoke(app, ["shadow", "report", *args, "--database-url", url])


def test_the_json_report_holds_what_the_text_shows(url):
    """Counts, divergences, faults, lost comparisons, timings and the latest unexplained mismatches agree with the text."""
    text, shown = report(url), report(url, "--format", "json")
    assert (0, 0, "") == (text.exit_code, shown.exit_code, shown.stderr)
    document = json.loads(shown.stdout)
    assert shown.stdout == json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert ["cam", "qc"] == [m["module"] for m in document["modules"]]  # the declared module order, as the table
    qc = document["modules"][1]
    assert {"comparisons": 5, "matched": 2, "explained": {"rounding-fix": 1}, "unexplained": 2, "candidate_errors": 1,
            "candidate_faults": {"timeout": 1}, "lost": 1} == {k: qc[k] for k in (
                "comparisons", "matched", "explained", "unexplained", "candidate_errors", "candidate_faults", "lost")}
    assert {"legacy": 3.0, "new": 3.0} == qc["mean_wall_ms"]
    assert [["results[0].passed", "round"], []] == [m["paths"] for m in qc["latest_unexplained"]][::-1]
    rows = {cells[0]: cells for cells in (
        [c.strip() for c in line.strip("│").split("│")] for line in text.stdout.splitlines() if line.startswith("│ "))}
    for m in document["modules"]:
        divergences = ", ".join(f"{n}: {c}" for n, c in sorted(m["explained"].items())) or "-"
        assert [m["module"], str(m["comparisons"]), str(m["matched"]), divergences, str(m["unexplained"]),
                str(m["candidate_errors"])] == rows[m["module"]]
    assert "qc: candidate faults: timeout 1; lost comparisons (not recorded): 1" in text.stdout
    assert "qc: mean ms per call, legacy / new: wall 3.00 / 3.00" in text.stdout


def test_one_module_and_the_limit(url):
    """MODULE and --limit select the same in both formats; a module without comparisons is an entry of zeros."""
    document = json.loads(report(url, "qc", "--limit", "1", "--format", "json").stdout)
    assert (["qc"], 1) == ([m["module"] for m in document["modules"]], len(document["modules"][0]["latest_unexplained"]))
    billing = json.loads(report(url, "billing", "--format", "json").stdout)["modules"]
    assert [("billing", 0, [])] == [(m["module"], m["comparisons"], m["latest_unexplained"]) for m in billing]


def test_unknown_module_and_format_are_bad_input(url):
    assert 2 == report(url, "ads", "--format", "json").exit_code
    assert 2 == report(url, "--format", "csv").exit_code


def test_no_comparisons_is_an_empty_list(database):
    """Where the text says none were recorded, the document has no modules."""
    assert "no shadow comparisons recorded\n" == report(database.url).stdout
    assert {"modules": []} == json.loads(report(database.url, "--format", "json").stdout)
