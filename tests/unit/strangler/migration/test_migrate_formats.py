"""`aicmo migrate status --format json` and `aicmo migrate history`: what the text shows, as a document
scripts parse, on each backend."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from aicmo.cli import app
from aicmo.strangler.evidence import EvidenceRecorder
from aicmo.strangler.schema import open_database

runner = CliRunner()
COMMIT = "feed" * 10


@pytest.fixture
def url(database, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AICMO_COMMIT", COMMIT)
    monkeypatch.setenv("AICMO_GATE_MIN_COMPARISONS", "3")
    monkeypatch.setenv("COLUMNS", "200")  # the whole table on one line per module, nothing cut
    return database.url


def migrate(url, *args):
    return runner.invoke(app, ["migrate", *args, "--database-url", url])


def _table_rows(text: str) -> dict[str, list[str]]:
    """The status table's cells by module (the first five columns; the last may wrap)."""
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.split("│")[1:-1]]
        if len(cells) == 6 and cells[0]:
            rows[cells[0]] = cells[:5]
    return rows


def test_status_json_holds_what_the_table_shows(url):
    """qc in shadow at 30 % with 4 comparisons, 1 mismatched; the kill switch on: the document and the table agree."""
    assert 0 == migrate(url, "promote", "qc", "--reason", "start shadowing", "--who", "ana").exit_code
    assert 0 == migrate(url, "rollout", "qc", "30", "--reason", "a third").exit_code
    assert 0 == migrate(url, "kill-switch", "on", "--reason", "incident").exit_code
    recorder = EvidenceRecorder(open_database(url))
    for matched in (True, True, False, True):
        recorder.record_comparison("qc", matched)
    text, shown = migrate(url, "status"), migrate(url, "status", "--format", "json")
    assert (0, 0, "") == (text.exit_code, shown.exit_code, shown.stderr)
    document = json.loads(shown.stdout)
    assert shown.stdout == json.dumps(document, indent=2, sort_keys=True) + "\n"  # sorted and stable
    assert True is document["kill_switch"] and "kill switch engaged" in text.stdout
    qc = next(m for m in document["modules"] if m["module"] == "qc")
    assert {"route": "shadow", "rollout_percent": 30, "comparisons": 4, "mismatches": 1, "mismatch_rate": 0.25} == {
        k: qc[k] for k in ("route", "rollout_percent", "comparisons", "mismatches", "mismatch_rate")}
    assert ("legacy", "shadow", "ana", "start shadowing") == tuple(qc["last_change"][k] for k in ("from", "to", "who", "why"))
    rows = _table_rows(text.stdout)
    assert list(rows) == [m["module"] for m in document["modules"]]  # every module, in the same order
    for m in document["modules"]:
        rate = "-" if m["mismatch_rate"] is None else f"{m['mismatch_rate']:.1%}"
        assert [m["module"], m["route"], f"{m['rollout_percent']}%", str(m["comparisons"]), rate] == rows[m["module"]]
    assert None is next(m for m in document["modules"] if m["module"] == "cam")["last_change"]


def test_history_shows_every_change_with_the_evidence_its_gate_saw(url):
    """legacy -> shadow, an override, the kill switch, shadow -> new through the gate: each in order,
    the promotion with the comparisons, suite runs and commit the gate counted; another module's changes left out."""
    migrate(url, "promote", "qc", "--reason", "shadow [qc]", "--who", "ana")
    migrate(url, "override", "qc", "acme", "legacy", "--reason", "acme mid-audit")
    migrate(url, "kill-switch", "on", "--reason", "incident")
    migrate(url, "kill-switch", "off", "--reason", "resolved")
    migrate(url, "rollout", "cam", "50", "--reason", "not qc's")
    recorder = EvidenceRecorder(open_database(url))
    recorder.record_suite_run("qc", "characterization", "new", True, database=recorder.database, commit=COMMIT)
    recorder.record_suite_run("qc", "contract", "new", True, database=recorder.database, commit=COMMIT)
    for _ in range(3):
        recorder.record_comparison("qc", True)
    assert 0 == migrate(url, "promote", "qc", "--reason", "gate green", "--who", "bo").exit_code

    shown = migrate(url, "history", "qc", "--format", "json")
    assert (0, "") == (shown.exit_code, shown.stderr)
    document = json.loads(shown.stdout)
    assert "qc" == document["module"]
    changes = document["changes"]
    assert [("route", None, "legacy", "shadow"), ("override", "acme", None, "legacy"), ("kill_switch", None, "off", "on"),
            ("kill_switch", None, "on", "off"), ("route", None, "shadow", "new")] == [
        (c["kind"], c["tenant"], c["from"], c["to"]) for c in changes]
    gate = changes[-1]["evidence"]
    assert (3, 3, 0, COMMIT) == (gate["comparisons"], gate["min_comparisons"], gate["unexplained_mismatches"], gate["commit"])
    assert {"characterization": True, "contract": True} == gate["suites_on_new_path"]
    assert ("bo", "gate green") == (changes[-1]["who"], changes[-1]["why"])

    text = migrate(url, "history", "qc")
    assert 0 == text.exit_code
    headers = [line for line in text.stdout.splitlines() if line.startswith("#")]
    assert [f"#{c['id']} {c['at']}" for c in changes] == [" ".join(h.split(" ")[:2]) for h in headers]
    assert headers[0].endswith("route: legacy -> shadow by ana: shadow [qc]")  # a bracket in a reason is kept
    assert "override tenant acme: - -> legacy" in headers[1]
    assert f'    commit: "{COMMIT}"' in text.stdout and "    comparisons: 3" in text.stdout


def test_history_of_a_module_never_changed_is_empty(url):
    """Known module, no change: an empty list, and a line saying so."""
    assert {"module": "billing", "changes": []} == json.loads(migrate(url, "history", "billing", "--format", "json").stdout)
    assert "no changes recorded for billing\n" == migrate(url, "history", "billing").stdout


def test_history_of_an_unknown_module_is_bad_input(url, tmp_path):
    """Exit 2 and one line, before any database is opened."""
    result = migrate(url, "history", "ads")
    assert (2, "") == (result.exit_code, result.stdout)
    assert result.stderr.startswith("error: unknown module 'ads'") and 1 == len(result.stderr.splitlines())
    missing = tmp_path / "none.db"
    assert 2 == runner.invoke(app, ["migrate", "history", "qc", "--database-url", f"sqlite:///{missing}"]).exit_code
    assert not missing.exists()


@pytest.mark.parametrize("command", [("status",), ("history", "qc")])
def test_an_unknown_format_is_bad_input(url, command):
    assert 2 == migrate(url, *command, "--format", "yaml").exit_code


def test_mismatches_a_declared_divergence_explains_are_told_apart(url):
    """delivery's every mismatch carries a declared divergence, qc's only one of two: the document counts
    them apart, and the Markdown report says "all declared" rather than show a failing module."""
    for module in ("qc", "delivery"):
        assert 0 == migrate(url, "promote", module, "--reason", "shadow it").exit_code
    recorder = EvidenceRecorder(open_database(url))
    for _ in range(3):
        recorder.record_comparison("delivery", False, divergence="unique_package_name")
    recorder.record_comparison("qc", False, divergence="a-rounding-fix")
    recorder.record_comparison("qc", False)
    recorder.record_comparison("qc", True)
    document = json.loads(migrate(url, "status", "--format", "json").stdout)
    counts = {m["module"]: (m["comparisons"], m["mismatches"], m["explained"], m["unexplained"]) for m in document["modules"]}
    assert (3, 3, 3, 0) == counts["delivery"] and (3, 2, 1, 1) == counts["qc"] and (0, 0, 0, 0) == counts["cam"]
    rows = {line.split("|")[1].strip(): line.split("|")[5].strip() for line in migrate(url, "report").stdout.splitlines()
            if line.startswith("| ") and not line.startswith("| Module")}
    assert ("100.0% (all declared)", "66.7% (1 declared)", "–") == (rows["delivery"], rows["qc"], rows["cam"])


def test_the_evidence_on_the_new_path_is_in_the_report_and_the_document(url):
    """The latest run of each suite on the new path, per kind of database: a later failing run replaces a passing one."""
    recorder = EvidenceRecorder(open_database(url))
    database = recorder.database
    recorder.record_suite_run("qc", "characterization", "new", True, database=database, commit=COMMIT)
    recorder.record_suite_run("qc", "contract", "new", True, database=database, commit=COMMIT)
    recorder.record_suite_run("qc", "contract", "new", False, database=database, commit=COMMIT)
    recorder.record_suite_run("qc", "contract", "legacy", True, database=database, commit=COMMIT)  # not the new path
    report = migrate(url, "report").stdout
    qc_row = next(line for line in report.splitlines() if line.startswith("| qc |"))
    assert f"characterization passed on {database} at feedfeedfe; contract FAILED on {database} at feedfeedfe" in qc_row
    assert "| cam | legacy | 100% | 0 | – | – |" in report
    document = json.loads(migrate(url, "status", "--format", "json").stdout)
    qc = next(m for m in document["modules"] if m["module"] == "qc")
    assert [("characterization", True), ("contract", False)] == [(e["suite"], e["passed"]) for e in qc["evidence"]]
    assert {COMMIT} == {e["at_commit"] for e in qc["evidence"]}
    recorder.record_suite_run("qc", "contract", "new", True, database=database, commit=COMMIT)  # green again
    qc_row = next(line for line in migrate(url, "report").stdout.splitlines() if line.startswith("| qc |"))
    assert f"| characterization, contract passed on {database} at feedfeedfe |" in qc_row
