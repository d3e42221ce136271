"""The acquisition run (spec sections 10 and 12): score, qualify, route, send, reply, convert."""
from __future__ import annotations

import pytest

from aicmo.operator_services import run_acquisition
from tests.characterization import corpus
from tests.characterization.db_effects import tables_written

pytestmark = [pytest.mark.aicmo_evidence(module="cam", suite="characterization"), pytest.mark.legacy_internals("cam", "orchestration")]


@pytest.mark.parametrize("campaign_id", sorted(corpus.campaigns()))
def test_a_single_scoring_run_per_campaign(campaign_id, memory_db, db_effects, snapshot_json):
    """Every lead and reply of the corpus through run_acquisition with each corpus campaign."""
    result, effects = db_effects(lambda: run_acquisition(corpus.campaigns()[campaign_id], corpus.leads(), corpus.replies()))
    assert snapshot_json == {"result": result, "tables": tables_written(effects)}


def test_a_batch_scoring_run_qualifies_nobody(db_effects, snapshot_json):
    """Q-16: batch scoring ignores targets, so no lead reaches 0.70 and nothing is sent."""
    result, effects = db_effects(lambda: run_acquisition(None, corpus.leads(), corpus.replies(), batch=True))
    assert 0 == result["summary"]["qualified"]
    assert snapshot_json == {"result": result, "tables": tables_written(effects)}


def test_positive_replies_from_good_leads_become_clients(db_effects, snapshot_json):
    """L-41: a POSITIVE reply on grade A/B creates a project row (intake from the lead) and the proposal."""
    result, effects = db_effects(lambda: run_acquisition(None, corpus.leads(), corpus.replies()))
    projects = [row for row in effects["cam_campaigns"]["inserted"] if row["kind"] == "project"]
    assert snapshot_json == {"conversions": result["conversions"], "project_rows": projects}


def test_a_failing_run_rolls_back_everything(memory_db, monkeypatch):
    """run_acquisition commits once at the end: an error leaves no row behind."""
    from backend.services.cam import acquisition

    def explode(*args, **kwargs):
        raise RuntimeError("reply store down")

    monkeypatch.setattr(acquisition, "process_reply", explode)
    with pytest.raises(RuntimeError):
        run_acquisition(None, corpus.leads(), corpus.replies())
    assert {} == {t: rows for t, rows in memory_db.dump().items() if rows}
