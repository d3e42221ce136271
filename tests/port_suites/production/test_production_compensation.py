"""discard_creatives: production's compensation of produce_creatives and rewrite_creatives."""
from __future__ import annotations

import pytest

from aicmo.production.api import CreativeStatus
from aicmo.shared.compensation import CompensationStatus
from tests.port_suites.builders import UNKNOWN

pytestmark = pytest.mark.aicmo_evidence(module="production", suite="contract")


def test_a_discarded_set_holds_only_discarded_creatives(ports, outcome):
    """Every creative of the set, delivered ones included, is DISCARDED; the rows stay."""
    set_id = outcome.creatives.creative_set_id
    result = ports.production.discard_creatives(set_id, "discard")
    after = ports.production.get_creative_set(set_id)
    assert CompensationStatus.COMPENSATED is result.status
    assert sorted(str(c.creative_id) for c in after.creatives) == sorted(result.undone)
    assert {CreativeStatus.DISCARDED} == {c.status for c in after.creatives}


def test_discarding_twice_discards_once(ports, outcome):
    """The same key answers as the first call; another key finds it ALREADY_COMPENSATED."""
    set_id = outcome.creatives.creative_set_id
    first = ports.production.discard_creatives(set_id, "discard")
    assert first == ports.production.discard_creatives(set_id, "discard")
    assert CompensationStatus.ALREADY_COMPENSATED is ports.production.discard_creatives(set_id, "discard-again").status


def test_discarding_an_unknown_set_is_a_no_op(ports):
    """A set that was never produced: NOTHING_TO_COMPENSATE, not an error."""
    assert CompensationStatus.NOTHING_TO_COMPENSATE is ports.production.discard_creatives(UNKNOWN, "discard").status
