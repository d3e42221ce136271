"""The keyed calls that are not steps (ports.KEYED_CALLS) leave nothing a cancel must know out of a journey's record.

`aicmo journeys cancel` builds the compensations a journey owes from its recorded steps only;
the workflow itself enters every call it made. Planted: a keyed call whose compensation is not
already owed by the onboarding step would make the two disagree.
"""
from __future__ import annotations

import pytest

from aicmo.orchestration.durable.ports import KEYED_CALLS, PLAIN_CALLS
from aicmo.orchestration.durable.saga import PIVOT_STEP, UNDOES, Ledger

# one journey's calls that a compensation reads, with what they answered (the rest answer nothing it reads)
ANSWERS = {
    "onboarding.onboard_client": {"client_id": "client-1"},
    "production.produce_creatives": {"creative_set_id": "set-1"},
    "production.rewrite_creatives": {"creative_set_id": "set-1"},
    "qc.evaluate_creative_set": {"qc_result_id": "qc-1"},
    "delivery.deliver_package": {"client_id": "client-1", "package_id": "package-1"},
}
JOURNEY = [
    "onboarding.onboard_client", "onboarding.advance_project", "strategy.draft_strategy", "strategy.approve_strategy",
    "production.produce_creatives", "production.build_calendar", "qc.evaluate_creative_set", "production.rewrite_creatives",
    "qc.evaluate_creative_set", "client_review.open_review", "client_review.record_feedback", "strategy.render_markdown",
    "onboarding.get_project", "delivery.deliver_package", PIVOT_STEP, "billing.issue_proposal", "reporting.generate_report",
    "clock.now", "retention.assess_retention",
]


def owed(calls: list[str]) -> list[tuple[str, str, str]]:
    ledger = Ledger.of_steps([(call, ANSWERS.get(call, {})) for call in calls])
    return [(o.port, o.method, o.target_id) for o in ledger.owed()]


def recorded(calls: list[str]) -> list[str]:
    return [c for c in calls if c not in KEYED_CALLS]


@pytest.mark.parametrize("end", range(1, len(JOURNEY) + 1))
def test_a_journey_stopped_anywhere_owes_what_its_recorded_steps_owe(end):
    calls = JOURNEY[:end]
    assert owed(calls) == owed(recorded(calls))


@pytest.mark.parametrize("call", sorted(KEYED_CALLS))
def test_a_keyed_call_anywhere_after_the_onboarding_owes_nothing_new(call):
    for position in range(1, len(JOURNEY) + 1):
        calls = [*JOURNEY[:position], call, *JOURNEY[position:]]
        assert owed(calls) == owed(recorded(calls))


def test_the_writes_a_compensation_targets_by_their_answer_stay_steps():
    targeted = {step for step in UNDOES if UNDOES[step] is not UNDOES["onboarding.advance_project"]}
    assert {"onboarding.onboard_client", PIVOT_STEP, "delivery.deliver_package"} <= targeted
    assert not targeted & KEYED_CALLS and not KEYED_CALLS & PLAIN_CALLS
