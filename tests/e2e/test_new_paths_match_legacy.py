"""The migrated modules on their new paths, as a user runs them: the journey legacy gives, byte for byte.

`aicmo run INTAKE --reproducible --json -` for every example intake, on SQLite and on PostgreSQL,
with each module that has a new implementation alone on `new`, with production and qc on `new`
(qc's legacy view writing onto the rows production's view made), with production and
client_review on `new` (client_review's view writing onto them too), and with every migrated module
on `new` at once — against the all-legacy run of the same intake on the same backend. Each run
starts on an empty database of its backend. Equal are: the exit code and the printed JSON, the
files written, and every legacy table legacy readers read (`cam_campaigns`, the project record's
legacy view; `creative_assets`, the creatives'; and the rest). And each run routed to a new path
stored in that module's own tables, so no route silently answered from legacy. The journey
intakes of the characterization corpus run with every migrated module on `new` the same way
(and through the pins, each module alone too). The all-legacy run of an intake is made once per
backend and shared by its route sets.
"""
from __future__ import annotations

import json
import shutil

import pytest
from sqlalchemy import MetaData, func, select

from aicmo.orchestration.bootstrap import DESCRIPTORS, NEW_IMPLEMENTATIONS
from aicmo.shared.modules import MODULES
from aicmo.shared.persistence.engines import engine_for, forget_engine
from tests.characterization import corpus
from tests.databases import database_parameters, migrated_database
from tests.declared_divergences import divergences_of, undo_in_keys, undo_in_text
from tests.e2e.conftest import EXAMPLES, tree_digest

# cam answers the acquisition (`aicmo acquire`), not a journey, which only asks it for the
# compensation: its own route set is the acquisition's (test_cam_acquisition_matches_legacy.py)
ACQUISITION_ONLY = ("cam",)
# what legacy code reads and writes; the new implementations' own tables are compared by their pins
LEGACY_TABLES = ("cam_campaigns", "cam_leads", "cam_outreach_attempts", "cam_replies", "creative_assets",
                 "delivery_packages", "billing_invoices", "report_metrics", "report_snapshots", "retention_assessments")
ROUTE_SETS = {
    # qc's: test_route_cli.py
    **{f"{module}=new": (module,) for module in NEW_IMPLEMENTATIONS if module not in ("qc", *ACQUISITION_ONLY)},
    "production,qc=new": ("production", "qc"),
    "production,qc,delivery=new": ("production", "qc", "delivery"),
    # client_review's legacy view writes review_* onto the rows production's view made
    "production,client_review=new": ("production", "client_review"),
    # every module with a new implementation at once: all ten, `--route all=new`
    ("all=new" if set(NEW_IMPLEMENTATIONS) == set(MODULES) else "migrated=new"): tuple(NEW_IMPLEMENTATIONS),
}
INTAKES = sorted(EXAMPLES.glob("intake_*.json"))
MIGRATED = tuple(NEW_IMPLEMENTATIONS)
_legacy_runs: dict[tuple[str, str], "Run"] = {}


def legacy_tables(url: str) -> dict[str, list[tuple]]:
    """Every row of the legacy tables, in a stable order, as comparable tuples."""
    engine = engine_for(url)
    metadata = MetaData()
    metadata.reflect(engine, only=LEGACY_TABLES)
    with engine.connect() as connection:
        return {name: sorted(tuple(map(repr, row)) for row in connection.execute(select(metadata.tables[name])))
                for name in LEGACY_TABLES}


def own_rows(url: str, module: str) -> int:
    """Rows in the module's own tables: more than none once its new path answered."""
    engine = engine_for(url)
    with engine.connect() as connection:
        return sum(connection.scalar(select(func.count()).select_from(table)) or 0
                   for table in DESCRIPTORS[module].migrations.metadata.sorted_tables
                   if not table.name.endswith(("_outbox", "_inbox")))


def route_arguments(modules: tuple[str, ...]) -> list[str]:
    """`--route all=new` once the set is every module (what an engineer types then), else one per module."""
    if set(modules) == set(MODULES):
        return ["--route", "all=new"]
    return [arg for module in modules for arg in ("--route", f"{module}=new")]


class Run:
    def __init__(self, aicmo, workdir, url: str, intake, modules: tuple[str, ...]) -> None:
        routes = route_arguments(modules)
        out = workdir / "out"  # one name for every run: the package's path is part of the output
        shutil.rmtree(out, ignore_errors=True)
        result = aicmo("run", intake, "--reproducible", "--json", "-", "--out-dir", out.name, "--database-url", url, *routes)
        assert 0 == result.exit_code, result.output[-3000:]
        self.output, self.files, self.tables = result.stdout, tree_digest(out), legacy_tables(url)
        self.own_rows = {module: own_rows(url, module) for module in modules if module not in ACQUISITION_ONLY}
        forget_engine(url)


@pytest.fixture(params=database_parameters())
def empty_database(request, postgres, workdir):
    """A function giving an empty, migrated database of the backend for each run."""
    made = []

    def fresh() -> str:
        if request.param == "sqlite":
            made.append(f"sqlite:///{workdir / f'run{len(made)}.db'}")
            return made[-1]
        return next(migrated_database("postgresql", postgres)).url  # the session's database, emptied

    fresh.backend = request.param
    return fresh


@pytest.mark.parametrize("modules", list(ROUTE_SETS.values()), ids=list(ROUTE_SETS))
@pytest.mark.parametrize("intake", INTAKES, ids=lambda p: p.stem)
def test_every_example_journey_on_the_new_paths_is_the_legacy_one(aicmo, workdir, empty_database, intake, modules):
    assert_the_legacy_journey(aicmo, workdir, empty_database, intake, modules)


@pytest.mark.parametrize("name", corpus.JOURNEY_INTAKES)
def test_every_corpus_journey_with_every_migrated_module_on_new_is_the_legacy_one(aicmo, workdir, empty_database, name):
    intake = workdir / f"{name}.json"
    intake.write_text(json.dumps(corpus.intake(name)), encoding="utf-8")
    assert_the_legacy_journey(aicmo, workdir, empty_database, intake, MIGRATED)


def assert_the_legacy_journey(aicmo, workdir, empty_database, intake, modules: tuple[str, ...]) -> None:
    key = (empty_database.backend, str(intake))
    if key not in _legacy_runs:
        _legacy_runs[key] = Run(aicmo, workdir, empty_database(), intake, ())
    legacy = _legacy_runs[key]
    assert json.loads(legacy.output)  # a real journey, not two empty outputs
    assert legacy.tables["cam_campaigns"] and legacy.tables["creative_assets"]
    new = Run(aicmo, workdir, empty_database(), intake, modules)
    assert all(new.own_rows.values()), new.own_rows  # each routed module answered from its own tables
    # equal but for the declared divergences of the modules on new, each listed and shown to occur
    divergences = divergences_of({module: "new" for module in modules}, json.loads(new.output)["campaign"]["id"])
    assert undo_in_text(new.output, divergences) == legacy.output
    assert undo_in_keys(new.files, divergences) == legacy.files
    for table in LEGACY_TABLES:
        rows = [tuple(_undone(value, divergences) for value in row) for row in new.tables[table]]
        assert sorted(rows) == legacy.tables[table], table


def _undone(value: str, divergences) -> str:
    for divergence in divergences:
        for new, legacy in divergence.replacements.items():
            value = value.replace(new, legacy)
    return value
