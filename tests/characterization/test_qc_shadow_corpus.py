"""qc on shadow over every journey of the corpus: each QC call compared, none mismatched.

Under pytest the shadow runner raises on an unexplained mismatch, so a journey that completes
had every comparison match; the spy proves the comparisons really ran.
"""
from __future__ import annotations

import pytest

from aicmo.orchestration import bootstrap
from aicmo.orchestration.journey import run_client_journey
from aicmo.strangler.evidence import EvidenceRecorder
from aicmo.strangler.routes import Route
from tests.characterization import corpus
from tests.characterization.corpus import JOURNEY_INTAKES


@pytest.fixture
def comparisons(monkeypatch):
    seen: list[tuple[bool, object]] = []
    record = EvidenceRecorder.record_comparison

    def spy(self, module, matched, *args, **kwargs):
        seen.append((matched, kwargs.get("diff")))
        return record(self, module, matched, *args, **kwargs)

    monkeypatch.setattr(EvidenceRecorder, "record_comparison", spy)
    return seen


@pytest.mark.parametrize("intake_id", JOURNEY_INTAKES)
def test_every_qc_round_of_the_journey_matches_under_shadow(memory_db, comparisons, intake_id):
    """One matched comparison per QC round; the journey's QC results are legacy's."""
    ports = bootstrap.routed_ports("sqlite://", {"qc": Route.SHADOW})
    intake = ports.onboarding.read_intake_request(corpus.intake(intake_id))
    outcome = run_client_journey(ports, intake, out_dir="out")
    assert outcome.qc_rounds and [(True, None)] * len(outcome.qc_rounds) == comparisons
