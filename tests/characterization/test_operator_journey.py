"""The operator journey (spec section 12): the whole flow, its states, its rows, its commits."""
from __future__ import annotations

import pytest

from aicmo.operator_services import run_client_journey
from backend.services.delivery import DeliveryGateError
from tests.characterization import corpus
from tests.characterization.corpus import JOURNEY_INTAKES
from tests.characterization.db_effects import tables_written

pytestmark = pytest.mark.legacy_internals("delivery", "orchestration")


@pytest.mark.parametrize("intake_id", JOURNEY_INTAKES)
def test_a_client_journey_end_to_end(intake_id, db_effects, snapshot_json):
    """L-09b states, QC and rewrite round, review, delivery, billing, report, retention; the rows written."""
    summary, effects = db_effects(lambda: run_client_journey(corpus.intake(intake_id), out_dir="out"))
    assert snapshot_json == {"summary": summary, "tables": tables_written(effects)}


def test_a_journey_through_the_fake_llm(fake_providers, db_effects, snapshot_json):
    """Every provider call of a journey, in order; a silent strategy falls back (Q-03) and still delivers."""
    fake_providers.llm.silence("strategy")
    fake_providers.llm.script("caption", lambda prompt, context: f"{context['platform']}: {context['pillar']['name']} - 100% guaranteed")
    summary, _ = db_effects(lambda: run_client_journey(corpus.intake("complete_uk_strategy_sales"), out_dir="out"))
    assert snapshot_json == {
        "calls": [(c.args["task"], c.outcome) for c in fake_providers.calls],
        "states": summary["project_states"],
        "qc": [r["verdict"] for r in summary["qc"]["rounds"]],
        "rewritten": summary["qc"]["rewritten_creative_ids"],
        "campaign": summary["campaign"],
    }


def test_a_failure_between_commits_leaves_partial_rows(memory_db, monkeypatch, snapshot_json):
    """Q-30: a delivery gate failure in E2E mode keeps the rows of the first two commits only."""
    monkeypatch.setenv("AICMO_E2E_MODE", "1")
    with pytest.raises(DeliveryGateError):
        run_client_journey(corpus.intake("quick_social_in_sales"), out_dir="out")
    assert snapshot_json == memory_db.dump()
