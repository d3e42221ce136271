"""Differential: the new intake rules give legacy's results on generated requests (no divergence declared)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aicmo.domain import ClientIntake as LegacyIntake
from aicmo.onboarding.api import ClientIntake
from aicmo.onboarding.internal.intake_rules import IntakeRequestRefused, brief_of, completeness_of, intake_from_request
from aicmo.shared.errors import ContractError

pytestmark = pytest.mark.legacy_internals("domain")

RULES = settings(max_examples=300, derandomize=True, database=None, deadline=None)
FIELDS = ("brand_name", "website", "industry", "geography", "product_service", "primary_customer", "timeline",
          "budget", "constraints", "must_include", "do_not_do", "contact_email")
LISTS = ("offers", "target_audiences", "pain_points", "desired_outcomes")
texts = st.sampled_from(["", " ", "Acme", "B2B software", "other", "Ünïcode"])
values = st.one_of(texts, st.none(), st.lists(texts, max_size=3), st.integers(0, 3), st.just({"x": 1}))
goals = st.sampled_from(["awareness", "leads", "sales", "engagement", "other", "", None, "world domination", 3])
keys = st.sampled_from(FIELDS + LISTS + ("brand", "company", "audience", "goal", "primary_goal", "pack", "unknown"))
requests = st.dictionaries(keys, st.one_of(values, goals, st.sampled_from(["quick_social", "full_funnel", "bad"])),
                           max_size=8)


def legacy_read(request: dict):
    try:
        return LegacyIntake.from_request(dict(request)), None
    except ValueError as exc:  # pydantic's ValidationError
        first = exc.errors()[0]
        return None, (".".join(str(p) for p in first["loc"]), first["msg"])


@RULES
@given(request=requests)
def test_reading_a_request_equals_legacy(request):
    """The same intake from the same request, or the same first refused field with the same message."""
    legacy, refused = legacy_read(request)
    if refused is not None:
        with pytest.raises(IntakeRequestRefused) as raised:
            intake_from_request(request)
        assert isinstance(raised.value, ContractError)
        assert (f"intake request: field '{refused[0]}': {refused[1]}", refused[0]) == (
            str(raised.value), raised.value.details["field"])
        return
    assert legacy.model_dump(mode="json") == intake_from_request(request).model_dump(mode="json")


intakes = st.builds(
    ClientIntake,
    **{name: st.one_of(st.none(), texts) for name in FIELDS},
    **{name: st.lists(texts, max_size=3).map(tuple) for name in LISTS},
    primary_goal=st.sampled_from([None, "awareness", "leads", "sales", "engagement", "other"]),
    pack=st.sampled_from(["quick_social", "strategy_campaign", "full_funnel"]),
)


def as_legacy(intake: ClientIntake) -> LegacyIntake:
    return LegacyIntake.model_validate(intake.model_dump(mode="json"))


@RULES
@given(intake=intakes)
def test_the_brief_equals_legacy(intake):
    """L-01: every silent default as legacy's to_brief fills it."""
    assert as_legacy(intake).to_brief() == brief_of(intake).model_dump(mode="json")


@RULES
@given(intake=intakes)
def test_completeness_equals_legacy(intake):
    """L-03: the same missing fields, in the same order."""
    assert as_legacy(intake).missing_fields() == [f.value for f in completeness_of(intake).missing_fields]
