"""`aicmo contracts check|update|docs`: exit codes and messages over a copy of the committed schemas."""
from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

import aicmo.billing.api
from aicmo.cli import app
from aicmo.strangler.contract_versions import store


@pytest.fixture
def committed(tmp_path):
    """A copy of contract_snapshots/ to plant changes in."""
    folder = tmp_path / "contracts"
    shutil.copytree(store.DEFAULT_DIR, folder)
    return folder


def run(*args):
    return CliRunner().invoke(app, ["contracts", *map(str, args)])


def edit_invoice(folder, change):
    path = folder / "billing.json"
    document = json.loads(path.read_text())
    change(document["definitions"]["Invoice"])
    path.write_text(store.dump(document))


def test_check_passes_on_the_committed_schemas(committed):
    """The code matches contract_snapshots/: exit 0, every module ok."""
    result = run("check", "--dir", committed)
    assert 0 == result.exit_code, result.output
    assert 10 == result.output.count("ok ")


def test_check_fails_on_a_field_the_code_no_longer_has(committed):
    """A committed field missing from the code is a removal: exit 1 naming module, model and field."""
    edit_invoice(committed, lambda d: d["properties"].update(legacy_total={"type": "number"}))
    result = run("check", "--dir", committed)
    assert 1 == result.exit_code
    assert "billing.Invoice.legacy_total: field removed" in result.output
    assert "contract check failed: billing" in result.output


def test_check_passes_a_breaking_change_when_the_major_was_raised(committed, monkeypatch):
    """The same removal with CONTRACT_VERSION 2.0.0 exits 0 and says the bump accepts it."""
    edit_invoice(committed, lambda d: d["properties"].update(legacy_total={"type": "number"}))
    before = json.loads((committed / "billing.json").read_text())["contract_version"]
    monkeypatch.setattr(aicmo.billing.api, "CONTRACT_VERSION", "2.0.0")
    result = run("check", "billing", "--dir", committed)
    assert 0 == result.exit_code, result.output
    assert f"accepted by the major bump {before} -> 2.0.0" in result.output


def test_check_passes_an_additive_change_and_suggests_update(committed):
    """A field the committed schema lacks is an addition: exit 0, with a hint to update."""
    edit_invoice(committed, lambda d: d["properties"].pop("paid_at"))
    result = run("check", "billing", "--dir", committed)
    assert 0 == result.exit_code, result.output
    assert "additive: billing.Invoice.paid_at: optional field added" in result.output


def test_check_fails_when_a_module_has_no_committed_schema(committed):
    """A missing contract_snapshots/<module>.json fails with the command to create it."""
    (committed / "qc.json").unlink()
    result = run("check", "qc", "--dir", committed)
    assert 1 == result.exit_code
    assert "no committed schema; run `aicmo contracts update`" in result.output


def test_an_unknown_module_is_a_usage_error(committed):
    """Exit 2 and the list of modules."""
    result = run("check", "marketing", "--dir", committed)
    assert 2 == result.exit_code
    assert "unknown module 'marketing'" in result.output


def test_update_refuses_a_breaking_change_without_a_major_bump(committed):
    """update does not overwrite the committed schema to hide a breaking change."""
    edit_invoice(committed, lambda d: d["properties"].update(legacy_total={"type": "number"}))
    before = (committed / "billing.json").read_text()
    result = run("update", "billing", "--dir", committed)
    assert 1 == result.exit_code
    assert before == (committed / "billing.json").read_text()


def test_update_rewrites_after_an_intended_change(committed, monkeypatch):
    """With the major raised, update writes the code's schema and check passes again."""
    edit_invoice(committed, lambda d: d["properties"].update(legacy_total={"type": "number"}))
    monkeypatch.setattr(aicmo.billing.api, "CONTRACT_VERSION", "2.0.0")
    assert 0 == run("update", "billing", "--dir", committed).exit_code
    assert "2.0.0" == json.loads((committed / "billing.json").read_text())["contract_version"]
    result = run("check", "billing", "--dir", committed)
    assert (0, "ok   billing 2.0.0") == (result.exit_code, result.output.strip())


def test_update_creates_a_missing_schema(committed):
    """A new module's schema is written from scratch."""
    (committed / "qc.json").unlink()
    assert 0 == run("update", "qc", "--dir", committed).exit_code
    assert (store.DEFAULT_DIR / "qc.json").read_text() == (committed / "qc.json").read_text()


def test_docs_writes_the_generated_markdown_and_check_detects_staleness(tmp_path):
    """docs writes the file; --check exits 1 once it differs from the code."""
    target = tmp_path / "contracts.md"
    assert 0 == run("docs", "--output", target).exit_code
    assert 0 == run("docs", "--output", target, "--check").exit_code
    target.write_text(target.read_text() + "hand edit\n")
    result = run("docs", "--output", target, "--check")
    assert 1 == result.exit_code
    assert "stale" in result.output


def test_help_describes_the_sub_commands():
    """`aicmo contracts --help` lists check, update and docs."""
    result = run("--help")
    assert 0 == result.exit_code
    assert all(word in result.output for word in ("check", "update", "docs"))


def test_check_json_holds_what_the_text_shows(committed):
    """A breaking removal in billing, an addition in qc's schema missing, one module clean: the document names
    the same verdicts and changes as the text, keys sorted, and the exit code is the same (1)."""
    edit_invoice(committed, lambda d: d["properties"].update(legacy_total={"type": "number"}))
    (committed / "qc.json").unlink()
    text = run("check", "billing", "qc", "cam", "--dir", committed)
    shown = run("check", "billing", "qc", "cam", "--dir", committed, "--format", "json")
    assert (1, 1) == (text.exit_code, shown.exit_code)
    document = json.loads(shown.stdout)
    assert shown.stdout == json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert (False, ["billing", "qc"]) == (document["passed"], document["failed"])
    billing, qc, cam = document["modules"]
    assert ("billing", False, False, None) == (billing["module"], billing["passed"], billing["major_raised"], billing["problem"])
    [removed] = [c for c in billing["changes"] if c["field"] == "legacy_total"]
    assert ("Invoice", "field removed", True) == (removed["model"], removed["kind"], removed["breaking"])
    assert f"breaking: {removed['text']}" in text.stdout
    assert (None, "no committed schema; run `aicmo contracts update`") == (qc["committed_version"], qc["problem"])
    assert f"FAIL qc: {qc['problem']}" in text.stdout
    assert (True, False, []) == (cam["passed"], cam["stale"], cam["changes"])
    assert f"ok   cam {cam['code_version']}" in text.stdout
    assert "contract check failed: billing, qc" in shown.stderr


def test_check_json_on_the_committed_schemas_passes(committed):
    """All ten modules, all passed, exit 0."""
    shown = run("check", "--dir", committed, "--format", "json")
    document = json.loads(shown.stdout)
    assert (0, True, 10) == (shown.exit_code, document["passed"], sum(m["passed"] for m in document["modules"]))
