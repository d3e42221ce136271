"""`aicmo demo` and `aicmo run`: the journey end to end through the command."""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import zipfile

import pytest

from tests.e2e.conftest import EXAMPLES

JOURNEY_KEYS = {
    "billing",
    "brief",
    "calendar",
    "campaign",
    "creatives",
    "delivery",
    "intake",
    "project_states",
    "qc",
    "report",
    "retention",
    "review",
    "strategy",
}
INTAKES = sorted(EXAMPLES.glob("intake_*.json"))


def campaign_count(db_path) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("select count(*) from cam_campaigns").fetchone()[0]


def test_demo_runs_the_whole_journey_and_writes_the_zip(aicmo, workdir):
    """The demo exits 0, prints a per-step table and leaves a zip under ./out/."""
    result = aicmo("demo")
    assert 0 == result.exit_code, result.output
    for step in ("onboarding", "strategy", "production", "qc", "client review", "delivery", "billing", "reporting", "retention"):
        assert step in result.output
    archive = workdir / "out" / "northwind-coffee-roasters.zip"
    names = zipfile.ZipFile(archive).namelist()
    assert "strategy.md" in names and "calendar.csv" in names and "manifest.json" in names
    assert 1 == campaign_count(workdir / "aicmo.db")


def test_demo_twice_in_the_same_folder_adds_a_second_client(aicmo, workdir):
    """A second demo in the same folder works: two clients side by side."""
    assert 0 == aicmo("demo").exit_code
    assert 0 == aicmo("demo").exit_code
    assert 2 == campaign_count(workdir / "aicmo.db")


def test_reproducible_run_twice_in_the_same_folder_works(aicmo, workdir):
    """Pinned ids do not collide when the same intake is run again into the same database."""
    intake = EXAMPLES / "intake_us_sales.json"
    assert 0 == aicmo("run", intake, "--reproducible").exit_code
    assert 0 == aicmo("run", intake, "--reproducible").exit_code
    assert 2 == campaign_count(workdir / "aicmo.db")


@pytest.mark.parametrize("intake", INTAKES, ids=lambda p: p.stem)
def test_run_json_holds_every_step(aicmo, workdir, intake):
    """--json writes the result of every step of the journey."""
    result = aicmo("run", intake, "--json", "result.json")
    assert 0 == result.exit_code, result.output
    data = json.loads((workdir / "result.json").read_text())
    assert JOURNEY_KEYS == set(data)
    assert "DELIVERED" == data["campaign"]["project_state"]
    assert 9 == len(data["creatives"])
    assert 3 == len(data["billing"]["invoices"])
    assert data["qc"]["rounds"][0]["creatives"]


def test_reproducible_runs_in_fresh_folders_are_byte_identical(aicmo, workdir, monkeypatch):
    """Same intake, fresh folders, pinned clock and ids: identical JSON and zip."""
    intake = EXAMPLES / "intake_full_funnel_eu.json"
    outputs = []
    for name in ("first", "second"):
        folder = workdir / name
        folder.mkdir()
        monkeypatch.chdir(folder)
        result = aicmo("run", intake, "--reproducible", "--json", "r.json")
        assert 0 == result.exit_code, result.output
        outputs.append(folder)
    first, second = outputs
    assert (first / "r.json").read_bytes() == (second / "r.json").read_bytes()
    assert (first / "out" / "helix-analytics-gmbh.zip").read_bytes() == (second / "out" / "helix-analytics-gmbh.zip").read_bytes()
    data = json.loads((first / "r.json").read_text())
    assert "2026-01-15T10:00:00+00:00" == data["campaign"]["created_at"]


def test_at_moves_the_pinned_clock(aicmo, workdir):
    """--at pins the clock at the given instant."""
    result = aicmo("run", EXAMPLES / "intake_us_sales.json", "--at", "2026-03-02T09:30:00Z", "--json", "r.json")
    assert 0 == result.exit_code, result.output
    data = json.loads((workdir / "r.json").read_text())
    assert "2026-03-02T09:30:00+00:00" == data["campaign"]["created_at"]


def test_json_to_stdout(aicmo):
    """--json - prints the JSON instead of the table."""
    result = aicmo("run", EXAMPLES / "intake_us_sales.json", "--reproducible", "--json", "-")
    assert 0 == result.exit_code
    assert "Summit Outdoor Co." == json.loads(result.stdout)["campaign"]["name"]


def test_e2e_mode_gate_failure_is_one_line_and_exit_1(aicmo, workdir, monkeypatch):
    """With the delivery gate enforced, a failed journey reports one line, not a traceback."""
    monkeypatch.setenv("AICMO_E2E_MODE", "1")
    result = aicmo("run", EXAMPLES / "intake_quick_social_uk.json")
    assert 1 == result.exit_code
    # the runner reports the contract error (DeliveryGateClosed), --legacy-flow the legacy one
    assert "project state is QC_FAILED, not QC_APPROVED" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.skipif(shutil.which("aicmo") is None, reason="console script not installed")
def test_console_script_demo(workdir):
    """The installed `aicmo` script runs the demo in a fresh folder."""
    done = subprocess.run(["aicmo", "demo"], cwd=workdir, capture_output=True, text=True, timeout=120)
    assert 0 == done.returncode, done.stderr
    assert (workdir / "out" / "northwind-coffee-roasters.zip").exists()


def test_module_help_lists_the_commands():
    """`python -m aicmo.cli --help` lists demo, run and acquire."""
    done = subprocess.run([sys.executable, "-m", "aicmo.cli", "--help"], capture_output=True, text=True, timeout=60)
    assert 0 == done.returncode
    for command in ("demo", "run", "acquire"):
        assert command in done.stdout
