"""The baseline ratchet: new and stale fail, prune only deletes, adding needs a reason."""
from __future__ import annotations

import json

import pytest

from aicmo.strangler.ratchet import Baseline, Finding, compare
from aicmo.strangler.ratchet.formats import render_github, render_json, render_sarif, render_text
from tests.unit.strangler.workflow_commands import read_workflow_command


def finding(key: str, file: str = "a.py", line: int = 3) -> Finding:
    return Finding("api-only", key, file, line, f"message {key}", "do this instead")


def test_findings_split_into_new_and_baselined_and_stale():
    """A finding in the baseline is a warning; one outside it is new; an unmatched entry is stale."""
    baseline = Baseline("boundaries").accepting([finding("k1"), finding("k2")], "legacy")
    verdict = compare([finding("k1"), finding("k3")], baseline)
    assert (["k3"], ["k1"], ["k2"]) == ([f.key for f in verdict.new], [f.key for f in verdict.baselined],
                                        [e.key for e in verdict.stale])
    assert not verdict.passed


def test_only_baselined_findings_pass():
    """Baselined findings alone do not fail the check."""
    baseline = Baseline("boundaries").accepting([finding("k1")], "legacy")
    assert compare([finding("k1", line=99)], baseline).passed


def test_pruning_only_deletes():
    """Prune drops stale entries and never adds the new findings."""
    baseline = Baseline("boundaries").accepting([finding("k1"), finding("k2")], "legacy")
    verdict = compare([finding("k1"), finding("k3")], baseline)
    assert ["k1"] == sorted(baseline.pruned(verdict.stale).keys)


def test_accepting_needs_a_reason():
    """The baseline grows only with a stated reason, stored on each entry."""
    with pytest.raises(ValueError, match="reason"):
        Baseline("boundaries").accepting([finding("k1")], "  ")
    assert ["why"] == [e.reason for e in Baseline("boundaries").accepting([finding("k1")], "why").entries]


def test_the_baseline_file_is_sorted_and_round_trips(tmp_path):
    """Entries are written sorted by key and read back equal."""
    path = tmp_path / "b.json"
    baseline = Baseline("boundaries").accepting([finding("zz"), finding("aa")], "r")
    baseline.write(path)
    assert ["aa", "zz"] == [e["key"] for e in json.loads(path.read_text())["entries"]]
    assert baseline.keys == Baseline.read(path, "boundaries").keys


def test_a_scope_limits_findings_and_stale_entries():
    """With --changed, findings and stale entries of unchanged files are left out."""
    baseline = Baseline("boundaries").accepting([finding("old", file="b.py")], "r")
    verdict = compare([finding("k1", file="a.py"), finding("k2", file="c.py")], baseline, scope={"a.py"})
    assert (["k1"], []) == ([f.key for f in verdict.new], list(verdict.stale))


def test_sarif_is_2_1_0_with_errors_stale_entries_and_suppressed_notes():
    """SARIF names the version and schema, every rule in the driver, each result's rule, level and
    location; a stale entry is an error result; a baselined finding is a note with a suppression."""
    baseline = Baseline("boundaries").accepting([finding("k1"), finding("gone", file="old.py")], "r")
    document = json.loads(render_sarif("boundaries", compare([finding("k1"), finding("k2", line=7)], baseline)))
    assert ("2.1.0", "sarif-2.1.0.json") == (document["version"], document["$schema"].rsplit("/", 1)[1])
    run = document["runs"][0]
    assert ("aicmo boundaries", [{"id": "api-only"}]) == (run["tool"]["driver"]["name"], run["tool"]["driver"]["rules"])
    results = run["results"]
    assert [("error", "a.py", 7), ("error", "old.py", 1), ("note", "a.py", 3)] == [
        (r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
         r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results
    ]
    assert "stale baseline entry gone" in results[1]["message"]["text"]
    assert [False, False, True] == ["suppressions" in r for r in results]
    assert "external" == results[2]["suppressions"][0]["kind"]


def test_github_annotations_are_errors_and_warnings():
    """GitHub output is one workflow command per finding, new as ::error, baselined as ::warning."""
    baseline = Baseline("boundaries").accepting([finding("k1")], "r")
    lines = render_github("boundaries", compare([finding("k1"), finding("k2")], baseline)).splitlines()
    assert ["::error file=a.py,line=3,title=api-only::", "::warning file=a.py,line=3,title=api-only::"] == [
        line.split("a.py:3:")[0] for line in lines
    ]


def test_text_and_json_report_the_counts():
    """Text ends with a summary line; JSON says whether the check passed."""
    verdict = compare([finding("k1")], Baseline("boundaries"))
    assert render_text("boundaries", verdict).endswith("FAILED: 1 new, 0 stale, 0 baselined\n")
    assert False is json.loads(render_json("boundaries", verdict))["passed"]


def test_github_annotations_escape_data_and_properties():
    """A path and a rule holding ':' ',' '%' CR and LF, and a message holding '%' CR LF and '::',
    read back exactly as they were: one command per line, no property cut short."""
    odd = Finding("rule:a,b%", "k1", "dir,x/we:ird%20name\r\n.py", 4, "100% wrong\r\nsecond line :: ok", "use 50%25")
    stale = Baseline("boundaries").accepting([Finding("r:1,2", "gone", "old,file:.py", 1, "m")], "r")
    verdict = compare([odd], stale)
    lines = render_github("boundaries", verdict).splitlines()
    assert 2 == len(lines)
    command, props, data = read_workflow_command(lines[0])
    assert ("error", {"file": odd.file, "line": "4", "title": odd.rule}, odd.describe()) == (command, props, data)
    command, props, data = read_workflow_command(lines[1])
    assert ("error", {"file": "old,file:.py", "title": "r:1,2"}) == (command, props)
    assert "stale baseline entry gone" in data
