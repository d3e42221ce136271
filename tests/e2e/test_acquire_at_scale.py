"""`aicmo acquire` on a file of thousands of leads: killed mid-way and run again, it ends as an uninterrupted run;
its progress is a bar on a terminal's stderr and never reaches the JSON on stdout; a file changed under a killed
run is refused. On SQLite (a file) and PostgreSQL.

The leads are the example leads repeated with unique e-mails, in batches of 250: the kill lands
in the fifth batch of eight, the sends (every qualified lead of the file in one step) still to come.
"""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.e2e.conftest import AICMO_PROCESS as COMMAND, EXAMPLES, held_then_killed, hooks_cleared

LEADS = 2_000
BATCH = 250
ROUTES = ("legacy", "new")  # cam's legacy adapter and its new implementation: the kill must cost neither a duplicate


def write_leads(path: Path, rows: int) -> Path:
    with (EXAMPLES / "leads.csv").open(encoding="utf-8", newline="") as source:
        header, *examples = list(csv.reader(source))
    with path.open("w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target)
        writer.writerow(header)
        for n in range(rows):
            row = list(examples[n % len(examples)])
            row[1] = f"n{n}.{row[1]}"
            writer.writerow(row)
    return path


def arguments(leads: Path, url: str, out: str, route: str = "legacy") -> list[str]:
    return ["acquire", str(leads), "--replies", str(EXAMPLES / "replies.csv"), "--batch-size", str(BATCH), "--reproducible",
            "--json", out, "--database-url", url, "--route", f"cam={route}"]


def aicmo(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", COMMAND, *args], cwd=folder, env=hooks_cleared(**env), capture_output=True,
                          text=True, timeout=600)


def scalars(url: str, query: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text(query)).scalars())
    finally:
        engine.dispose()


def own_table(url: str, table: str) -> str:
    """cam's own table (the new path's): in its schema on a server, beside the legacy view in a SQLite file."""
    return table if url.startswith("sqlite") else f"cam.{table}"


@pytest.fixture(scope="module")
def leads_file(tmp_path_factory) -> Path:
    return write_leads(tmp_path_factory.mktemp("leads") / "leads.csv", LEADS)


@pytest.fixture(scope="module", params=ROUTES)
def route(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def reference(tmp_path_factory, leads_file, route) -> tuple[bytes, int]:
    """The same command without a kill on a fresh SQLite file, the reference for both databases: its JSON, and how
    many outreach attempts it made (the safety limits send to some qualified leads only)."""
    folder = tmp_path_factory.mktemp("uninterrupted")
    url = f"sqlite:///{folder / 'aicmo.db'}"
    done = aicmo(folder, *arguments(leads_file, url, "out.json", route))
    assert 0 == done.returncode, done.stderr
    return (folder / "out.json").read_bytes(), len(scalars(url, "SELECT id FROM cam_outreach_attempts"))


@pytest.fixture(scope="module")
def uninterrupted(reference) -> bytes:
    return reference[0]


def test_a_run_of_thousands_killed_mid_way_ends_as_an_uninterrupted_run(fresh_database_url, leads_file, route, reference,
                                                                        tmp_path):
    uninterrupted, attempts = reference
    url = fresh_database_url
    with held_then_killed(arguments(leads_file, url, "killed.json", route), tmp_path, "paused before cam.import_lead_batch#5",
                          "acquisition ", AICMO_TEST_PAUSE_BEFORE_STEP="cam.import_lead_batch#5") as run_id:
        pass
    assert 4 * BATCH == len(scalars(url, "SELECT email FROM cam_leads"))  # four whole batches, then the kill
    assert [] == scalars(url, "SELECT id FROM cam_outreach_attempts")

    again = aicmo(tmp_path, *arguments(leads_file, url, "again.json", route))
    assert 0 == again.returncode, again.stderr
    assert f"acquisition {run_id}" in again.stderr  # continued, not a second campaign

    emails = scalars(url, "SELECT email FROM cam_leads")
    assert LEADS == len(emails) == len(set(emails))  # each lead once
    assert 1 == len(scalars(url, "SELECT id FROM cam_campaigns WHERE kind = 'acquisition'"))  # one campaign
    sent_to = scalars(url, "SELECT lead_id FROM cam_outreach_attempts")
    result = json.loads((tmp_path / "again.json").read_bytes())
    qualified = {lead["id"] for lead in result["leads"] if lead["qualification_status"] == "QUALIFIED"}
    assert attempts == len(sent_to) == len(set(sent_to)) > 0 and set(sent_to) <= qualified  # sent once, as uninterrupted
    if route == "new":  # the legacy view above mirrors cam's own records: these hold each lead and send once too
        keys = scalars(url, f"SELECT email_key FROM {own_table(url, 'cam_lead_records')}")
        assert LEADS == len(keys) == len(set(keys))
        recorded = scalars(url, f"SELECT lead_id FROM {own_table(url, 'cam_attempt_records')}")
        assert sorted(recorded) == sorted(sent_to)
    assert uninterrupted == (tmp_path / "again.json").read_bytes()


def test_the_bar_is_drawn_on_stderr_and_stdout_keeps_the_json(fresh_database_url, leads_file, route, uninterrupted, tmp_path):
    shown = aicmo(tmp_path, *arguments(leads_file, fresh_database_url, "-", route), TTY_COMPATIBLE="1", COLUMNS="120")
    assert 0 == shown.returncode, shown.stderr
    assert uninterrupted.decode("utf-8") == shown.stdout  # not a byte of the bar in the JSON
    assert f"{LEADS}/{LEADS}" in shown.stderr and "leads/s" in shown.stderr
    assert "leads committed" not in shown.stderr


def test_without_a_terminal_the_run_says_how_far_it_got_in_lines(fresh_database_url, leads_file, tmp_path):
    said = aicmo(tmp_path, *arguments(leads_file, fresh_database_url, "out.json"), TTY_COMPATIBLE="0")
    assert 0 == said.returncode, said.stderr
    lines = [line for line in said.stderr.splitlines() if "leads committed to campaign" in line]
    assert [line.split(" of ")[0] for line in lines] == [str(n) for n in range(BATCH, LEADS + 1, BATCH)]


def test_a_killed_run_whose_file_changed_is_refused_not_continued_on_other_leads(fresh_database_url, tmp_path):
    url = fresh_database_url
    leads = write_leads(tmp_path / "leads.csv", 3 * BATCH)
    with held_then_killed(arguments(leads, url, "killed.json"), tmp_path, "paused before cam.import_lead_batch#2",
                          "acquisition ", AICMO_TEST_PAUSE_BEFORE_STEP="cam.import_lead_batch#2") as run_id:
        pass
    write_leads(leads, 3 * BATCH - 1)
    refused = aicmo(tmp_path, "journeys", "resume", run_id, "--database-url", url)
    assert 2 == refused.returncode, refused.stderr
    assert "not the one this run started with" in refused.stderr
    assert BATCH == len(scalars(url, "SELECT email FROM cam_leads"))  # nothing more imported
