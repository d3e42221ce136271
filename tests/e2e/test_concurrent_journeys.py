"""Eight client journeys at once on one database: no error, no lost row, no duplicate.

Each journey is a real `aicmo run` process with qc on its new implementation, all started
together on a database whose legacy tables do not exist yet: they race to create legacy's
tables (on SQLite to migrate the file too), then write legacy's rows and qc's rounds and
events side by side. Afterwards every journey must have exited 0, and the database must hold
one campaign per journey and exactly the QC rounds the journeys printed, each once, each with
its event.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

from sqlalchemy import create_engine, text

from tests.e2e.conftest import AICMO_PROCESS as COMMAND, EXAMPLES

JOURNEYS = 8
INTAKES = sorted(p for p in EXAMPLES.glob("intake_*.json") if "missing" not in p.name)


def _journeys(url: str, folder) -> list[subprocess.CompletedProcess]:
    env = {key: value for key, value in os.environ.items() if key != "AICMO_DATABASE_URL"}
    started = [
        subprocess.Popen(
            [sys.executable, "-c", COMMAND, "run", str(INTAKES[n % len(INTAKES)]), "--route", "qc=new",
             "--database-url", url, "--out-dir", f"out{n}", "--json", f"journey{n}.json"],
            cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in range(JOURNEYS)
    ]
    return [subprocess.CompletedProcess(p.args, p.wait(timeout=180), *p.communicate()) for p in started]


def _count(url: str, table: str) -> int:
    engine = create_engine(url)
    qualified = table if url.startswith("sqlite") else {"qc_results": "qc.qc_results", "qc_outbox": "qc.qc_outbox"}.get(table, table)
    try:
        with engine.connect() as connection:
            return connection.execute(text(f"SELECT count(*) FROM {qualified}")).scalar_one()
    finally:
        engine.dispose()


def test_eight_journeys_at_once_lose_nothing_and_duplicate_nothing(fresh_database_url, tmp_path):
    outcomes = _journeys(fresh_database_url, tmp_path)
    assert [] == [(o.returncode, o.stderr[-400:]) for o in outcomes if o.returncode != 0]
    printed = [json.loads((tmp_path / f"journey{n}.json").read_text(encoding="utf-8")) for n in range(JOURNEYS)]
    rounds = sum(len(journey["qc"]["rounds"]) for journey in printed)
    assert JOURNEYS == len({journey["campaign"]["id"] for journey in printed}) == _count(fresh_database_url, "cam_campaigns")
    assert rounds == _count(fresh_database_url, "qc_results") == _count(fresh_database_url, "qc_outbox")
