"""A step's checkpoint carries the keyed calls made before it; readers get the calls back, in order."""
from __future__ import annotations

from aicmo.orchestration.durable.carried import CARRIED, RecordedCall, carrying, expand, result_of
from aicmo.orchestration.durable.saga import Ledger


def test_a_step_with_nothing_to_carry_records_its_result_alone():
    assert {"client_id": "c"} == carrying([], {"client_id": "c"})
    assert [RecordedCall("onboarding.onboard_client", {"client_id": "c"}, 1, 2)] == expand(
        "onboarding.onboard_client", {"client_id": "c"}, 1, 2)


def test_the_carried_calls_come_back_before_the_step_that_carried_them():
    ledger = Ledger()
    ledger.record("onboarding.onboard_client", {"client_id": "c"})
    ledger.carry("onboarding.advance_project", {"client_id": "c", "state": "A"}, 10, 11)
    ledger.carry("strategy.draft_strategy", {"strategy_id": "s"}, 12, 13)
    recorded = carrying(ledger.take_unrecorded(), {"creative_set_id": "x"})
    assert [] == ledger.unrecorded  # carried once: the next step carries none of them again
    assert {"creative_set_id": "x"} == result_of(recorded)
    assert [("onboarding.advance_project", 10), ("strategy.draft_strategy", 12), ("production.produce_creatives", 20)] == [
        (c.name, c.started_ms) for c in expand("production.produce_creatives", recorded, 20, 21)]


def test_a_result_that_merely_has_a_carried_field_is_left_alone():
    """Planted: only the exact wrapper is unwrapped, never a port's answer that happens to share a field name."""
    answer = {CARRIED: [], "result": 1, "other": 2}
    assert answer == result_of(answer) and 1 == len(expand("x.y", answer, None, None))


def test_a_cancel_reads_the_carried_calls_into_its_ledger():
    recorded = carrying([{"name": "onboarding.advance_project", "output": {}, "started_ms": 1, "completed_ms": 2}],
                        {"creative_set_id": "set-1"})
    steps = [("onboarding.onboard_client", {"client_id": "c"}), *[(c.name, c.output) for c in expand(
        "production.produce_creatives", recorded, 3, 4)]]
    owed = [(o.method, o.target_id) for o in Ledger.of_steps(steps).owed()]
    assert [("discard_creatives", "set-1"), ("cancel_project", "c")] == owed
