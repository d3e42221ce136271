"""Synthetic intakes: valid, varied, and the same for the same seed."""
from __future__ import annotations

from aicmo.onboarding.api import ClientIntake
from aicmo.orchestration.synthetic_intakes import synthetic_intake, synthetic_intake_requests


def test_a_seed_gives_the_same_intakes_and_intake_n_does_not_depend_on_the_count():
    assert list(synthetic_intake_requests(7, 30)) == list(synthetic_intake_requests(7, 30))
    assert list(synthetic_intake_requests(7, 30))[:10] == list(synthetic_intake_requests(7, 10))
    assert list(synthetic_intake_requests(7, 10)) != list(synthetic_intake_requests(8, 10))


def test_every_intake_is_valid_and_names_its_own_client():
    intakes = [ClientIntake.model_validate(request) for request in synthetic_intake_requests(1, 200)]
    assert len({i.brand_name for i in intakes}) == 200


def test_the_intakes_vary_what_the_journey_reads():
    requests = [synthetic_intake(3, n) for n in range(200)]
    assert {"quick_social", "strategy_campaign", "full_funnel"} == {r["pack"] for r in requests}
    assert {"awareness", "leads", "sales", "engagement", "other"} <= {r.get("primary_goal") for r in requests}
    assert any("budget" not in r for r in requests) and any("budget" in r for r in requests)
    assert 20 <= sum("must_include" in r for r in requests) <= 100  # some carry what QC must catch
