"""Many shadow calls of the real qc: the database ends exactly as on legacy, plus the evidence.

Two copies of one journey's database get the same N evaluations, one with qc on legacy, one
on shadow; afterwards every table's row count and checksum are equal (QC's own tables stay
empty), so nothing the candidate wrote landed. N is AICMO_SHADOW_CALLS, 1,000 by default: the
requirement's figure, about 10 s, nearly all of it the shadow calls themselves (each runs legacy,
the candidate and the evidence write). `AICMO_SHADOW_CALLS=200`, the promotion gate's minimum,
is a quicker local run.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import sqlite3

from aicmo.cli_support.inputs import load_intake
from aicmo.cli_support.reproducible import reproducible
from aicmo.orchestration import bootstrap
from aicmo.orchestration.journey import run_client_journey
from aicmo.strangler.evidence.comparison_batch import flush_comparisons
from aicmo.strangler.routes import Route
from backend.db import session as legacy_session
from tests.e2e.conftest import EXAMPLES

CALLS = int(os.environ.get("AICMO_SHADOW_CALLS", "1000"))
EVIDENCE = "strangler_"  # the comparisons themselves: the one thing shadow is meant to leave


class Capturing:
    """A qc port that keeps the requests it evaluated."""

    def __init__(self, qc):
        self.qc, self.requests = qc, []

    def __getattr__(self, name):
        return getattr(self.qc, name)

    def evaluate_creative_set(self, request, key):
        self.requests.append(request)
        return self.qc.evaluate_creative_set(request, key)


def table_digests(path) -> dict[str, tuple[int, str]]:
    """Every non-evidence table as (row count, sha256 of its sorted rows)."""
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("select name from sqlite_master where type='table' order by name")]
        found = {}
        for name in names:
            if name.startswith(EVIDENCE):
                continue
            rows = sorted(repr(r) for r in conn.execute(f'select * from "{name}"'))
            found[name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
        return found


def evaluate_many(path, route: Route, request) -> None:
    legacy_session.configure(f"sqlite:///{path}")
    bootstrap.prepare_database(f"sqlite:///{path}", upgrade=True)
    with reproducible("shadow-calls"):  # the same ids and instants on both copies
        qc = bootstrap.routed_ports(f"sqlite:///{path}", {"qc": route}).qc
        for number in range(CALLS):
            qc.evaluate_creative_set(request, f"shadow-{number}")
    flush_comparisons()  # the end of this unit of work: its ports were called without a runner, which would flush


def test_shadow_calls_leave_every_table_as_legacy_alone_does(workdir):
    """After N evaluations each, the shadow copy's tables equal the legacy copy's, and N matches are recorded."""
    journey = workdir / "journey.db"
    legacy_session.configure(f"sqlite:///{journey}")
    capturing = Capturing(bootstrap.legacy_ports().qc)
    ports = dataclasses.replace(bootstrap.legacy_ports(), qc=capturing)
    with reproducible("journey"):
        run_client_journey(ports, load_intake(EXAMPLES / "intake_us_sales.json"), out_dir=str(workdir / "out"))
    copies = {route: workdir / f"{route.value}.db" for route in (Route.LEGACY, Route.SHADOW)}
    for route, path in copies.items():
        shutil.copy(journey, path)
        evaluate_many(path, route, capturing.requests[-1])
    legacy, shadow = (table_digests(copies[r]) for r in (Route.LEGACY, Route.SHADOW))
    assert legacy == shadow  # QC's own tables included: migrated on both copies, and empty on both
    qc_tables = {name: digest for name, digest in shadow.items() if name.startswith("qc_")}
    assert qc_tables and {(0, hashlib.sha256(b"").hexdigest())} == set(qc_tables.values())
    with sqlite3.connect(copies[Route.SHADOW]) as conn:
        assert [(CALLS, CALLS)] == conn.execute(
            "select count(*), sum(matched) from strangler_shadow_comparisons where module = 'qc'").fetchall()
