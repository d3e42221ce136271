"""`aicmo acquire` with every migrated module on its new path: the acquisition legacy gives, byte for byte.

`aicmo acquire LEADS --replies REPLIES --reproducible --json -` for every example input (the bundled
campaign, the example campaign file, the nightly `--batch` re-score, batches of three leads) and for every campaign of the
characterization corpus over the corpus leads and replies, on SQLite and on PostgreSQL, against the
all-legacy run of the same input on the same backend, each on an empty database. With every module
migrated the run is routed `--route all=new`. Equal are the exit code, the printed JSON and every
legacy table (the acquisition's `cam_*` rows, the converted clients' project rows, their invoices),
but for the declared divergences of the modules on new; and cam, when it is on new, answered from its
own tables.
"""
from __future__ import annotations

import json

import pytest

from aicmo.orchestration.bootstrap import NEW_IMPLEMENTATIONS
from aicmo.shared.modules import MODULES
from aicmo.shared.persistence.engines import forget_engine
from tests.characterization import corpus
from tests.declared_divergences import divergences_of, undo_in_text
from tests.e2e.conftest import EXAMPLES
from tests.e2e.test_new_paths_match_legacy import (
    LEGACY_TABLES,
    _undone,
    empty_database,
    legacy_tables,
    own_rows,
    route_arguments,
)

__all__ = ["empty_database"]  # the fixture, used by this file's tests

AT = "2026-01-15T10:00:00Z"  # inside the example campaign's sending window: sends happen
MIGRATED = tuple(m for m in MODULES if m in NEW_IMPLEMENTATIONS)
# what the acquisition calls: cam's steps, onboarding and billing for each conversion, reporting's figure
ACQUISITION_MODULES = ("cam", "onboarding", "billing", "reporting")


def _example_inputs() -> dict[str, list[str]]:
    leads, replies = str(EXAMPLES / "leads.csv"), str(EXAMPLES / "replies.csv")
    return {
        "example": [leads, "--replies", replies],
        "example-campaign": [leads, "--replies", replies, "--campaign", str(EXAMPLES / "campaign.json")],
        "example-batch": [leads, "--replies", replies, "--batch"],
        "example-batches-of-3": [leads, "--replies", replies, "--batch-size", "3"],  # many batches, as a big file's
    }


INPUTS = [*_example_inputs(), *(f"corpus-{name}" for name in sorted(corpus.campaigns()))]
_legacy_runs: dict[tuple[str, str], "Acquisition"] = {}


def _arguments(name: str, workdir) -> list[str]:
    if name in _example_inputs():
        return _example_inputs()[name]
    campaign = corpus.campaigns()[name.removeprefix("corpus-")]
    arguments = [str(corpus.CORPUS / "leads.csv"), "--replies", str(corpus.CORPUS / "replies.csv")]
    if campaign is not None:  # None is "no campaign file": the bundled example campaign
        path = workdir / f"{name}.json"
        path.write_text(json.dumps(campaign), encoding="utf-8")
        arguments += ["--campaign", str(path)]
    return arguments


class Acquisition:
    def __init__(self, aicmo, url: str, arguments: list[str], modules: tuple[str, ...]) -> None:
        result = aicmo("acquire", *arguments, "--at", AT, "--reproducible", "--json", "-", "--database-url", url,
                       *route_arguments(modules))
        assert 0 == result.exit_code, result.output[-3000:]
        self.output, self.tables = result.stdout, legacy_tables(url)
        self.own_rows = {module: own_rows(url, module) for module in modules if module == "cam"}
        forget_engine(url)


@pytest.mark.skipif(not MIGRATED, reason="no module has a new implementation")
@pytest.mark.parametrize("name", INPUTS)
def test_every_acquisition_with_every_migrated_module_on_new_is_the_legacy_one(aicmo, workdir, empty_database, name):
    arguments = _arguments(name, workdir)
    key = (empty_database.backend, name)
    if key not in _legacy_runs:
        _legacy_runs[key] = Acquisition(aicmo, empty_database(), arguments, ())
    legacy = _legacy_runs[key]
    printed = json.loads(legacy.output)
    assert printed["leads"] and legacy.tables["cam_leads"]  # a real acquisition, not two empty outputs
    new = Acquisition(aicmo, empty_database(), arguments, MIGRATED)
    assert all(new.own_rows.values()), new.own_rows  # cam on new answered from its own tables
    routed = {module: "new" for module in MIGRATED if module in ACQUISITION_MODULES}
    divergences = [d for conversion in printed["conversions"] for d in divergences_of(routed, conversion["campaign_id"])]
    assert undo_in_text(new.output, divergences) == legacy.output
    for table in LEGACY_TABLES:
        rows = [tuple(_undone(value, divergences) for value in row) for row in new.tables[table]]
        assert sorted(rows) == legacy.tables[table], table
