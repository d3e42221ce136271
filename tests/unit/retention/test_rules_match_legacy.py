"""Differential: the new retention's rules against legacy's assess_retention (L-29..L-31), on random inputs.

Every figure legacy computes is compared bit for bit: the days since engagement (a timedelta's
floor on the UTC instant, across time zones and exactly on day boundaries), the unrounded score
and factors legacy's row stores, the level, the stage, the offers and their values, and the
answer rounded to 4 places. Legacy's clock is pinned by replacing the `datetime` name its module
looks up; its row is captured from a session that only collects it.
"""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from aicmo.retention.api import RetentionAssessment
from aicmo.retention.internal import model, rules
from aicmo.retention.internal.translation import assessment_dto
from backend.services import retention as legacy

pytestmark = pytest.mark.legacy_internals("retention")

RULES = settings(max_examples=400, derandomize=True, database=None, deadline=None)
CLIENT = "9450d573-0000-4000-8000-000000000000"
DAY = 86_400

zones = st.sampled_from([dt.timezone.utc, dt.timezone(dt.timedelta(hours=5, minutes=30)), dt.timezone(dt.timedelta(hours=-8))])
instants = st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 1, 1), timezones=st.just(dt.timezone.utc))
# seconds before now: anywhere from a few days ahead to past churn, and a second either side of whole days
gaps = st.one_of(
    st.integers(min_value=-5 * DAY, max_value=400 * DAY),
    st.integers(min_value=-3, max_value=200).flatmap(lambda d: st.sampled_from([d * DAY - 1, d * DAY, d * DAY + 1])),
)
roas_values = st.one_of(st.sampled_from([0.0, 0.9999999, 1.0, 2.9999999, 3.0, 3.0000001]),
                        st.floats(min_value=0, max_value=20, allow_nan=False, allow_infinity=False))
totals = st.one_of(st.sampled_from([0.0, 25000.0, 0.1, 1e-7]), st.floats(min_value=0, max_value=1e9, allow_nan=False))


class _CapturingSession:
    """What legacy's assess_retention asks of a session: the row it adds, kept."""

    def __init__(self) -> None:
        self.row = None

    def add(self, row) -> None:
        self.row = row

    def flush(self) -> None:
        pass


def _pinned(now: dt.datetime) -> type:
    class Pinned(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return now.astimezone(tz) if tz is not None else now.replace(tzinfo=None)

    return Pinned


def legacy_assessment(now: dt.datetime, inputs: dict):
    session = _CapturingSession()
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(legacy, "datetime", _pinned(now))
        answer = legacy.assess_retention(session, SimpleNamespace(id=CLIENT), **inputs)
    return answer, session.row


def assert_same_as_legacy(now: dt.datetime, inputs: dict) -> None:
    answer, row = legacy_assessment(now, inputs)
    record = model.assessed(answer["assessment_id"], CLIENT, now, **inputs)
    # the row legacy stores, bit for bit: what the legacy view writes from the record
    assert (record.risk_score, record.risk_level, record.lifecycle_stage) == (row.risk_score, row.risk_level, row.lifecycle_stage)
    assert repr(record.risk_score) == repr(row.risk_score)
    assert (record.factors_json, record.upsell_json, record.assessed_at) == (row.factors_json, row.upsell_json, row.assessed_at)
    # legacy's order of the factors (the score is their sum in that order)
    assert [name for name, _ in record.factors] == list(answer["factors"])
    # the answer, rounded as legacy rounds it, through the same DTO
    assert record.days_since_engagement == answer["days_since_engagement"]
    expected = RetentionAssessment.model_validate({**answer, "client_id": CLIENT, "assessed_at": row.assessed_at})
    assert assessment_dto(record) == expected
    assert assessment_dto(record).model_dump_json() == expected.model_dump_json()


@RULES
@given(now=instants, gap=gaps, zone=zones, overdue=st.integers(0, 3), roas=roas_values, rejections=st.integers(0, 3),
       delivered=st.booleans(), approved=st.booleans(), total=totals)
@example(now=dt.datetime(2026, 1, 15, 10, tzinfo=dt.timezone.utc), gap=121 * DAY, zone=dt.timezone.utc, overdue=1,
         roas=0.5, rejections=1, delivered=True, approved=True, total=25000.0)
def test_every_figure_is_legacy_s(now, gap, zone, overdue, roas, rejections, delivered, approved, total):
    inputs = {
        "last_engagement_at": (now - dt.timedelta(seconds=gap)).astimezone(zone),
        "overdue_invoices": overdue,
        "roas": roas,
        "rejections": rejections,
        "delivered": delivered,
        "approved_first_round": approved,
        "last_proposal_total": total,
    }
    assert_same_as_legacy(now, inputs)


@RULES
@given(days=st.integers(-3, 500), overdue=st.integers(0, 3), roas=roas_values, rejections=st.integers(0, 3))
def test_the_risk_and_its_level_are_legacy_s(days, overdue, roas, rejections):
    score, level, factors = legacy.renewal_risk(days, overdue, roas, rejections)
    new_score, new_factors = rules.renewal_risk(days, overdue, roas, rejections)
    assert (repr(new_score), rules.risk_level(new_score), list(new_factors.items())) == (repr(score), level, list(factors.items()))


def test_the_comparison_catches_days_counted_on_calendar_dates(monkeypatch):
    """Planted: the gap counted between calendar dates, not as elapsed whole days, is caught a second past midnight."""
    def on_calendar_dates(last: dt.datetime, now: dt.datetime) -> int:
        return max(0, (now.date() - last.astimezone(dt.timezone.utc).date()).days)

    now = dt.datetime(2026, 1, 15, 0, 0, 1, tzinfo=dt.timezone.utc)
    inputs = {"last_engagement_at": now - dt.timedelta(seconds=2), "overdue_invoices": 0, "roas": 2.0, "rejections": 0,
              "delivered": True, "approved_first_round": False, "last_proposal_total": 25000.0}
    assert_same_as_legacy(now, inputs)
    monkeypatch.setattr(model, "days_since", on_calendar_dates)
    with pytest.raises(AssertionError):
        assert_same_as_legacy(now, inputs)


def test_the_comparison_catches_the_factors_summed_in_another_order(monkeypatch):
    """Planted: the score summed in the factors' sorted order (legacy's row order) gives other bits for some gaps."""
    def sorted_sum(days, overdue, roas, rejections):
        _, factors = rules.renewal_risk(days, overdue, roas, rejections)
        return sum(value for _, value in sorted(factors.items())), factors

    now = dt.datetime(2026, 1, 15, 10, tzinfo=dt.timezone.utc)
    differing = [d for d in range(90) if repr(sorted_sum(d, 1, 0.5, 1)[0]) != repr(rules.renewal_risk(d, 1, 0.5, 1)[0])]
    assert differing, "no gap where the order of the sum shows: the planted fault proves nothing"
    inputs = {"last_engagement_at": now - dt.timedelta(days=differing[0]), "overdue_invoices": 1, "roas": 0.5,
              "rejections": 1, "delivered": True, "approved_first_round": False, "last_proposal_total": 25000.0}
    assert_same_as_legacy(now, inputs)
    monkeypatch.setattr(model, "renewal_risk", sorted_sum)
    with pytest.raises(AssertionError):
        assert_same_as_legacy(now, inputs)
