"""Strategy's adapter writes approvals and rejections exactly as the legacy operator flow does (L-08, Q-04)."""
from __future__ import annotations

from typing import Any, Callable

import pytest

from acl.strategy import approval
from aicmo import operator_services
from aicmo.domain import ClientIntake
from aicmo.legacy_harness.pytest_plugin import legacy_memory_database
from backend.services.onboarding import create_client

pytestmark = pytest.mark.legacy_internals("onboarding", "strategy", "orchestration", "domain")

COLUMNS = ("id", "strategy_status", "description", "project_state", "strategy_text", "name")
DECIDED_AT = "2026-01-15T10:00:01.5Z"  # fractional seconds, so the stamp's format is pinned too


def decided(decide: Callable[[Any, str], Any], seeded_ids, fixed_clock) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the returned row, the stored row) after one decision on a fresh project in a fresh database."""
    seeded_ids.reseed("approval")
    with legacy_memory_database() as database:
        session = database.session()
        campaign = create_client(session, ClientIntake(brand_name="Approval Co", target_audiences=["Owners"]))
        fixed_clock.move_to(DECIDED_AT)
        returned = {c: getattr(decide(session, campaign.id), c) for c in COLUMNS}
        session.commit()
        stored = {c: v for c, v in database.rows("cam_campaigns")[0].items() if c in COLUMNS}
        session.close()
    return returned, stored


def test_an_approval_is_written_as_legacy_writes_it(seeded_ids, fixed_clock):
    """APPROVED and "[Approved: <instant>]"; the project state is left as it was (Q-04)."""
    ours = decided(approval.approve, seeded_ids, fixed_clock)
    legacy = decided(operator_services.approve_strategy, seeded_ids, fixed_clock)
    assert ours[0]["description"].endswith(" [Approved: 2026-01-15T10:00:01.500000+00:00]")
    assert legacy == ours


@pytest.mark.parametrize("reason", ["too generic", "", "  padded  ", "ünïcode — ok"])
def test_a_rejection_is_written_as_legacy_writes_it(seeded_ids, fixed_clock, reason):
    """REJECTED and "[Rejected: <reason>]", whatever the reason's text."""
    ours = decided(lambda s, cid: approval.reject(s, cid, reason), seeded_ids, fixed_clock)
    legacy = decided(lambda s, cid: operator_services.reject_strategy(s, cid, reason), seeded_ids, fixed_clock)
    assert ours[1]["strategy_status"] == "REJECTED"
    assert legacy == ours


def test_a_missing_campaign_is_the_same_error(memory_db):
    """A campaign id that is not there raises LookupError with legacy's message."""
    session = memory_db.session()
    with pytest.raises(LookupError) as legacy:
        operator_services.approve_strategy(session, "nope")
    for decide in (approval.approve, lambda s, cid: approval.reject(s, cid, "r")):
        with pytest.raises(LookupError) as ours:
            decide(session, "nope")
        assert str(legacy.value) == str(ours.value)
