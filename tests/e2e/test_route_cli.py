"""`--route` on `aicmo run` / `aicmo acquire`, and `aicmo shadow report`."""
from __future__ import annotations

import sqlite3

import pytest

from tests.e2e.conftest import EXAMPLES

INTAKES = sorted(EXAMPLES.glob("intake_*.json"))


def qc_rows(db_path) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("select count(*) from qc_results").fetchone()[0]


@pytest.mark.parametrize("intake", INTAKES, ids=lambda p: p.stem)
def test_qc_on_legacy_and_on_new_give_identical_output(aicmo, workdir, intake):
    """The reproducible journey's JSON is byte-identical with qc=legacy and qc=new; only new writes QC's tables."""
    outputs = []
    for route in ("legacy", "new"):
        db = workdir / f"{route}.db"
        result = aicmo("run", intake, "--reproducible", "--json", "-", "--database-url", f"sqlite:///{db}", "--route", f"qc={route}")
        assert 0 == result.exit_code, result.output
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert 1 <= qc_rows(workdir / "new.db")


def report_row(aicmo, db) -> list[str]:
    """The qc row of `aicmo shadow report qc` as its cells."""
    report = aicmo("shadow", "report", "qc", "--database-url", db)
    assert 0 == report.exit_code, report.output
    [line] = [row for row in report.stdout.splitlines() if row.startswith("│ qc")]
    return [c.strip() for c in line.strip("│").split("│")]


def test_qc_on_shadow_over_every_example_matches_and_leaves_qc_tables_empty(aicmo, workdir):
    """Shadow runs of every example intake all match (a mismatch would fail the run under pytest) and land no QC row."""
    db = f"sqlite:///{workdir / 'app.db'}"
    for intake in INTAKES:
        result = aicmo("run", intake, "--json", "-", "--database-url", db, "--route", "qc=shadow")
        assert 0 == result.exit_code, result.output
    assert 0 == qc_rows(workdir / "app.db")
    cells = report_row(aicmo, db)
    assert int(cells[1]) >= len(INTAKES) and cells[1] == cells[2] and "0" == cells[4]  # all matched, none unexplained


def test_a_run_follows_the_route_stored_in_the_database(aicmo, workdir):
    """After `aicmo migrate promote qc` (legacy -> shadow) a run without --route shadows qc."""
    db = f"sqlite:///{workdir / 'app.db'}"
    promoted = aicmo("migrate", "promote", "qc", "--reason", "start shadowing", "--who", "test", "--database-url", db)
    assert 0 == promoted.exit_code, promoted.output
    assert 0 == aicmo("run", INTAKES[0], "--json", "-", "--database-url", db).exit_code
    assert "0" != report_row(aicmo, db)[1]


@pytest.mark.parametrize(("args", "message"), [
    (("--route", "qc=sideways"), "ROUTE must be one of legacy, shadow, new"),
    (("--route", "qc"), "expected MODULE=ROUTE"),
    (("--route", "qc=new", "--legacy-flow"), "cannot be routed"),
])
def test_a_bad_route_exits_2_with_one_line(aicmo, workdir, args, message):
    """Bad --route values stop before the database is touched: exit 2, one line."""
    result = aicmo("run", INTAKES[0], *args)
    assert (2, 1) == (result.exit_code, len(result.stderr.strip().splitlines()))
    assert message in result.stderr
    assert not (workdir / "aicmo.db").exists()


def test_a_module_without_a_new_implementation_cannot_leave_legacy(aicmo, workdir, monkeypatch):
    """Planted: with retention's new implementation left out, `--route retention=new` exits 2 before any database."""
    from aicmo.orchestration import bootstrap

    monkeypatch.setattr(bootstrap, "NEW_IMPLEMENTATIONS", tuple(m for m in bootstrap.NEW_IMPLEMENTATIONS if m != "retention"))
    result = aicmo("run", INTAKES[0], "--route", "retention=new")
    assert (2, 1) == (result.exit_code, len(result.stderr.strip().splitlines()))
    assert "retention has no new implementation" in result.stderr
    assert not (workdir / "aicmo.db").exists()


def test_acquire_takes_the_route_option(aicmo, workdir):
    """`aicmo acquire --route all=legacy` runs; a route that is none (`--route cam=sideways`) exits 2."""
    ok = aicmo("acquire", EXAMPLES / "leads.csv", "--json", "-", "--route", "all=legacy")
    bad = aicmo("acquire", EXAMPLES / "leads.csv", "--route", "cam=sideways")
    assert (0, 2) == (ok.exit_code, bad.exit_code), ok.output
    assert "ROUTE must be one of legacy, shadow, new" in bad.stderr


def test_shadow_report_refuses_an_unknown_module(aicmo, workdir):
    """An unknown MODULE exits 2 naming the modules."""
    result = aicmo("shadow", "report", "nope")
    assert 2 == result.exit_code and "unknown module 'nope'" in result.stderr


def test_demo_takes_routes_too(aicmo, workdir):
    """`aicmo demo --route qc=new` gives the same reproducible journey as on legacy, and writes QC's own table."""
    outputs = []
    for route in ("legacy", "new"):
        db = workdir / f"{route}.db"
        result = aicmo("demo", "--reproducible", "--json", "-", "--database-url", f"sqlite:///{db}", "--route", f"qc={route}")
        assert 0 == result.exit_code, result.output
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert 1 <= qc_rows(workdir / "new.db")
