"""The output written page by page is, byte for byte, stable_json of the whole output, whatever the page size."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from aicmo.cli_support.render import stable_json
from aicmo.orchestration import acquisition_pages, bootstrap
from aicmo.orchestration.acquisition import AcquisitionOutcome, acquire_leads, planned_pages
from aicmo.orchestration.acquisition_output import acquisition_output
from tests.new_paths import ports_with_new_cam

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


@pytest.mark.parametrize("page", [1, 5, 1000])
def test_the_paged_output_is_the_whole_output_encoded(database, legacy_database, monkeypatch, page):
    given = bootstrap.acquisition_files().read_acquisition_input(None, EXAMPLES / "leads.csv", EXAMPLES / "replies.csv")
    ports = ports_with_new_cam(database.url)
    run = acquire_leads(ports, given.campaign, given.leads, given.replies)
    monkeypatch.setattr(acquisition_pages, "PAGE", page)
    written = io.StringIO()
    small = acquisition_pages.write_acquisition_output(ports.cam, run, written)
    # the same run held whole: its next actions (kept once planned) and its leads read at once
    next_actions = {lead_id: action for _, planned in planned_pages(ports.cam, run) for lead_id, action in planned.items()}
    whole = acquisition_output(AcquisitionOutcome(run.campaign, run.batch, ports.cam.get_leads(run.lead_ids), run.outreach,
                                                  next_actions, run.replies, run.conversions, run.efficiency))
    assert stable_json(whole) == written.getvalue()
    assert {"campaign": whole["campaign"], "summary": whole["summary"]} == small
    assert 32 == len(whole["leads"]) and whole["summary"]["outreach"] and whole["replies"]  # a page holds sends and replies
