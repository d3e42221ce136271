"""User-visible behaviour pinned through the module ports, on every route a module can take.

What `aicmo run` and `aicmo acquire` print, every file a journey writes, every port's DTOs and
what a journey leaves in the legacy tables are pinned here through the ports, never through
legacy internals. Each pin runs once per route configuration (`route_configurations.py`): every
module on legacy, and each module with a new implementation on `new`; and once per database
backend (SQLite, PostgreSQL). All of them must meet the same snapshot, but for the legacy
tables, pinned per backend. When a module's legacy code is deleted its legacy configuration goes and the
same snapshots go on judging the new implementation: test_pins_outlive_legacy.py runs this
file with that code made unimportable.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from pathlib import Path
from typing import Any

import pytest

from aicmo.cli_support.render import stable_json
from aicmo.orchestration import bootstrap
from aicmo.orchestration.acquisition import run_acquisition
from aicmo.orchestration.acquisition_output import acquisition_output
from aicmo.orchestration.journey import run_client_journey
from aicmo.orchestration.journey_output import journey_output
from aicmo.reporting.api import ChannelDayMetrics, ReportRequest
from tests.characterization import corpus
from tests.characterization.corpus import JOURNEY_INTAKES
from tests.characterization.json_snapshot import extension_scrubbing
from tests.characterization.route_configurations import route_configurations, route_parameters
from tests.declared_divergences import divergences_of, undo_in_keys, undo_in_text

# every port imported now, before the clock is frozen (pydantic must not meet freezegun's date)
for _configuration in route_configurations():
    _configuration.ports()

CLIENT = "11111111-1111-4111-8111-111111111111"
METRIC_SERIES = sorted(name for name, rows in corpus.metric_series().items() if rows)  # no rows: the port simulates
JOURNEY_MODULES = ("onboarding", "strategy", "production", "qc", "client_review", "delivery", "reporting", "billing", "retention")
ACQUISITION_MODULES = ("cam", "onboarding", "billing", "reporting")


def printed(output: dict[str, Any]) -> list[str]:
    """The JSON the command prints with `--json -`, line by line."""
    return stable_json(output).splitlines()


def files_written(folder: Path) -> dict[str, Any]:
    """Every file under ``folder``: a zip by its entries (name, time, mode, compression, bytes), others by digest."""
    files: dict[str, Any] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        entry: dict[str, Any] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                entry["entries"] = [
                    {"name": info.filename, "date_time": list(info.date_time), "external_attr": info.external_attr,
                     "compress_type": info.compress_type, "bytes": info.file_size,
                     "sha256": hashlib.sha256(archive.read(info)).hexdigest()}
                    for info in archive.infolist()
                ]
        files[path.relative_to(folder).as_posix()] = entry
    return files


def legacy_tables(snapshot_json, database, legacy_database) -> None:
    """The legacy tables after the run, pinned per backend: SQLite keeps a naive clock time where
    PostgreSQL keeps the instant, so the very same journey leaves rows that read differently."""
    assert snapshot_json(name=f"legacy tables on {database.backend}") == legacy_database.dump()


@pytest.mark.parametrize("configuration", route_parameters(JOURNEY_MODULES))
@pytest.mark.parametrize("intake_id", JOURNEY_INTAKES)
def test_a_journey_through_the_ports(configuration, intake_id, database, legacy_database, tmp_path, snapshot, snapshot_json):
    """A whole journey: every port's DTO, the printed JSON, the files written, the legacy tables after.

    A module on its new path may differ only by its declared divergences, each undone here
    (and each checked to show): the same snapshots judge every route.
    """
    ports = configuration.ports(database.url)
    intake = ports.onboarding.read_intake_request(corpus.intake(intake_id))
    outcome = run_client_journey(ports, intake, out_dir="out")
    divergences = divergences_of(configuration.routes, str(outcome.project.client_id))
    if divergences:
        scrub = {str(tmp_path): "<tmp>", **{new: old for d in divergences for new, old in d.replacements.items()}}
        snapshot_json = snapshot.use_extension(extension_scrubbing(scrub))
        undo_in_text(stable_json(journey_output(outcome)), divergences)  # each listed divergence shows
    files = undo_in_keys(files_written(tmp_path / "out"), divergences)
    assert snapshot_json == {"dtos": outcome, "printed": printed(journey_output(outcome)), "files": files}
    legacy_tables(snapshot_json, database, legacy_database)


@pytest.mark.parametrize("configuration", route_parameters(ACQUISITION_MODULES))
@pytest.mark.parametrize("campaign_id", sorted(corpus.campaigns()))
def test_an_acquisition_through_the_ports(configuration, campaign_id, database, legacy_database, snapshot_json):
    """An acquisition run over the corpus leads and replies under a corpus campaign: DTOs, printed JSON, tables."""
    files = bootstrap.acquisition_files()
    given = files.read_acquisition_input(corpus.campaigns()[campaign_id], corpus.CORPUS / "leads.csv", corpus.CORPUS / "replies.csv")
    outcome = run_acquisition(configuration.ports(database.url), given.campaign, given.leads, given.replies)
    assert snapshot_json == {"dtos": outcome, "printed": printed(acquisition_output(outcome))}
    legacy_tables(snapshot_json, database, legacy_database)


@pytest.mark.parametrize("configuration", route_parameters(("reporting",)))
@pytest.mark.parametrize("series", METRIC_SERIES)
def test_a_report_through_the_ports(configuration, series, database, legacy_database, snapshot_json):
    """The performance report of each corpus metric series."""
    rows = corpus.metric_series()[series]
    metrics = tuple(ChannelDayMetrics(**{**vars(r), "day": dt.date.fromisoformat(str(r.day))}) for r in rows)
    request = ReportRequest(client_id=CLIENT, channels=tuple(sorted({m.channel for m in metrics})), metrics=metrics)
    assert snapshot_json == configuration.ports(database.url).reporting.generate_report(request, f"report:{series}")
