"""The new QC reproduces the ACL's pinned DTOs: every journey of the corpus, with qc on its new path.

The expected values are the snapshots of test_acl_dtos.py (the legacy path through the ACL),
read, never rewritten, here: the new path must give the same QC results, ids included, and
leave every other port's DTO of the journey unchanged.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from aicmo.orchestration.journey import run_client_journey
from tests.characterization import corpus
from tests.characterization.json_snapshot import to_json
from tests.characterization.test_operator_journey import JOURNEY_INTAKES
from tests.new_paths import ports_with_new_qc

pytestmark = pytest.mark.aicmo_evidence(module="qc", suite="characterization", routes={"qc": "new"})

# every adapter and the new QC imported now, before the clock is frozen (pydantic must not meet freezegun's date)
ports_with_new_qc()

ACL_SNAPSHOTS = Path(__file__).parent / "__snapshots__" / "test_acl_dtos.json"


@functools.cache
def _acl_snapshots() -> dict:
    return json.loads(ACL_SNAPSHOTS.read_text(encoding="utf-8"))


def acl_journey(intake_id: str) -> dict:
    return _acl_snapshots()[f"test_the_journey_dtos[{intake_id}]"]


@pytest.fixture
def ports(memory_db):
    return ports_with_new_qc()


@pytest.mark.parametrize("intake_id", JOURNEY_INTAKES)
def test_the_qc_rounds_equal_the_acl_snapshot(ports, intake_id):
    """Each QC round of the journey equals the ACL's, field by field."""
    intake = ports.onboarding.read_intake_request(corpus.intake(intake_id))
    outcome = run_client_journey(ports, intake, out_dir="out")
    expected = acl_journey(intake_id)["qc_rounds"]
    assert len(expected) == len(outcome.qc_rounds)
    for pinned, result in zip(expected, outcome.qc_rounds, strict=True):
        assert pinned == to_json(result)


@pytest.mark.parametrize("intake_id", JOURNEY_INTAKES)
def test_the_whole_journey_equals_the_acl_snapshot(ports, intake_id, tmp_path):
    """Every other port's DTO of the journey is unchanged by qc on its new path."""
    intake = ports.onboarding.read_intake_request(corpus.intake(intake_id))
    outcome = json.dumps(to_json(run_client_journey(ports, intake, out_dir="out"))).replace(str(tmp_path), "<tmp>")
    assert acl_journey(intake_id) == json.loads(outcome)
