"""`aicmo acquire --resume CAMPAIGN_ID` through the command, now that the run is a workflow: a run that failed in a
batch (not killed: its workflow has finished, in error) is continued by hand, in its campaign, none imported twice."""
from __future__ import annotations

import dataclasses
import json

import pytest
from sqlalchemy import create_engine, text

from tests.e2e.conftest import EXAMPLES

LEADS = EXAMPLES / "leads.csv"
ACQUIRE = ("acquire", LEADS, "--batch-size", "8", "--at", "2026-01-15T10:00:00Z")


class _FailingCam:
    """The CAM port, except that the third import_lead_batch of the process raises: the planted fault."""

    calls = 0

    def __init__(self, cam) -> None:
        self._cam = cam

    def import_lead_batch(self, *args, **kwargs):
        _FailingCam.calls += 1
        if _FailingCam.calls == 3:
            raise RuntimeError("planted crash in batch 3")
        return self._cam.import_lead_batch(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._cam, name)


@pytest.fixture
def failing_third_batch(monkeypatch):
    from aicmo.orchestration import bootstrap

    routed = bootstrap.routed_ports
    _FailingCam.calls = 0

    def failing(*args, **kwargs):
        ports = routed(*args, **kwargs)
        return dataclasses.replace(ports, cam=_FailingCam(ports.cam))

    monkeypatch.setattr(bootstrap, "routed_ports", failing)
    return monkeypatch


def _scalars(url: str, query: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text(query)).scalars())
    finally:
        engine.dispose()


def test_a_run_failed_in_batch_3_is_finished_by_resume_in_its_campaign(aicmo, fresh_database_url, failing_third_batch):
    url = fresh_database_url
    failed = aicmo(*ACQUIRE, "--database-url", url)
    assert 1 == failed.exit_code and "planted crash in batch 3" in failed.stderr
    campaign_id = failed.stderr.split("--resume ")[1].split()[0]
    assert 16 == len(_scalars(url, "SELECT email FROM cam_leads"))
    failing_third_batch.undo()

    resumed = aicmo(*ACQUIRE, "--database-url", url, "--resume", campaign_id, "--json", "-")
    assert 0 == resumed.exit_code, resumed.stderr
    result = json.loads(resumed.stdout)
    assert campaign_id == result["campaign"]["id"] and 32 == result["summary"]["leads"]
    emails = _scalars(url, "SELECT email FROM cam_leads")
    assert 32 == len(emails) == len(set(emails))
    assert [campaign_id] == _scalars(url, "SELECT id FROM cam_campaigns WHERE kind <> 'project'")
    # the file's order, though another process (here: another workflow) imported the first two batches
    assert [row["email"] for row in result["leads"]][:3] == ["alice.moreno@brightpay.io", "ben.carter@stackly.com", "chloe.nguyen@ledgerline.com"]


def test_resume_with_a_campaign_that_does_not_hold_the_file_is_bad_input(aicmo, fresh_database_url, workdir):
    url = fresh_database_url
    first = aicmo(*ACQUIRE, "--database-url", url, "--json", "-")
    assert 0 == first.exit_code, first.stderr
    campaign_id = json.loads(first.stdout)["campaign"]["id"]
    (workdir / "other.csv").write_text("\n".join(LEADS.read_text().splitlines()[:5]) + "\n")
    before = _scalars(url, "SELECT count(*) FROM cam_leads")

    refused = aicmo("acquire", "other.csv", "--database-url", url, "--resume", campaign_id)
    assert 2 == refused.exit_code and "holds 32 leads, the file only 4" in refused.stderr
    assert before == _scalars(url, "SELECT count(*) FROM cam_leads")
