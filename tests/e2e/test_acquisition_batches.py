"""Acquisition in batches: an interrupted run leaves whole batches only, and --resume imports the rest once."""
from __future__ import annotations

import dataclasses
from collections import Counter

import pytest
from sqlalchemy import text

from aicmo.cam.api import AcquisitionCampaign, LeadProfile, ScoringMode
from aicmo.orchestration import bootstrap
from aicmo.orchestration.acquisition import BatchFailed, ResumeRefused, run_acquisition

BATCH = 5
LEADS = tuple(
    LeadProfile(name=f"Lead {n}", email=f"lead{n}@example-{n % 7}.io", company=f"Co {n}", title="CMO",
                company_size="51-200", industry="software", country="US", decision_maker=n % 2 == 0)
    for n in range(23)
)
CAMPAIGN = AcquisitionCampaign(name="Batches")


class _FailingBatch:
    """The CAM port, except that its n-th import_lead_batch raises: the planted crash."""

    def __init__(self, cam, fail_on: int) -> None:
        self._cam, self._fail_on, self.calls = cam, fail_on, 0

    def import_lead_batch(self, *args, **kwargs):
        self.calls += 1
        if self.calls == self._fail_on:
            raise RuntimeError("planted crash in batch 3")
        return self._cam.import_lead_batch(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._cam, name)


def _emails(database) -> list[str]:
    with database.engine.connect() as connection:
        return list(connection.execute(text("SELECT email FROM cam_leads")).scalars())


def _campaigns(database) -> int:
    with database.engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM cam_campaigns")).scalar_one()


def _ports(database, fail_on=None):
    ports = bootstrap.routed_ports(database.url)
    return dataclasses.replace(ports, cam=_FailingBatch(ports.cam, fail_on)) if fail_on else ports


def _interrupted_run(database) -> str:
    with pytest.raises(BatchFailed) as failed:
        run_acquisition(_ports(database, fail_on=3), CAMPAIGN, LEADS, (), batch_size=BATCH)
    assert "planted crash" in str(failed.value)
    return str(failed.value).split("--resume ")[1].split()[0]


def test_a_crash_in_batch_3_leaves_two_whole_batches_and_resume_imports_the_rest_once(legacy_database, database):
    """Only batches 1 and 2 are committed; the resumed run adds the other 13 leads, none twice."""
    campaign_id = _interrupted_run(database)
    assert 2 * BATCH == len(_emails(database))

    outcome = run_acquisition(_ports(database), CAMPAIGN, LEADS, (), batch_size=BATCH, resume=campaign_id)

    emails = _emails(database)
    assert len(LEADS) == len(emails)
    assert Counter(lead.email for lead in LEADS) == Counter(emails)
    assert 1 == _campaigns(database)
    assert len(LEADS) == len(outcome.leads)
    assert all(lead.score is not None and lead.qualification is not None for lead in outcome.leads)


def test_resuming_with_another_file_is_refused_and_imports_nothing(legacy_database, database):
    """A campaign whose leads are not the start of the file is not resumed from it."""
    campaign_id = _interrupted_run(database)
    other = tuple(lead.model_copy(update={"email": "x" + lead.email}) for lead in LEADS)
    with pytest.raises(ResumeRefused):
        run_acquisition(_ports(database), CAMPAIGN, other, (), batch_size=BATCH, resume=campaign_id)
    assert 2 * BATCH == len(_emails(database))


@pytest.mark.legacy_internals("cam")  # the planted crash goes into legacy grading
def test_a_failure_inside_a_batch_rolls_back_its_imported_and_scored_leads(legacy_database, database, monkeypatch):
    """A crash while grading the batch's third lead leaves none of the batch: inserts and scores roll back with it."""
    import acl.cam.adapter as adapter

    graded = []

    def grade_then_crash(session, row):
        graded.append(row.id)
        if len(graded) == 3:
            raise RuntimeError("planted crash while grading")
        return original(session, row)

    original = adapter.grading.grade_lead
    monkeypatch.setattr(adapter.grading, "grade_lead", grade_then_crash)
    ports = bootstrap.routed_ports(database.url)
    created = ports.cam.create_campaign(CAMPAIGN, "k:campaign")
    with pytest.raises(RuntimeError, match="planted crash"):
        ports.cam.import_lead_batch(created.campaign_id, LEADS[:BATCH], ScoringMode.SINGLE, "k:batch")
    assert [] == _emails(database)
