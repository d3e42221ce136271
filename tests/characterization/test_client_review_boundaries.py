"""Client review at its numeric edges: revision hours, the escalation round, the simulated client's share."""
from __future__ import annotations

import hashlib
import itertools
import math
from datetime import datetime, timezone

import pytest

from backend.db.models import CampaignRow, CreativeAssetRow
from backend.services import client_review
from tests.characterization.spec_rules import client_review as spec

pytestmark = [pytest.mark.aicmo_evidence(module="client_review", suite="characterization"), pytest.mark.legacy_internals("client_review")]

SPEC_HOURS = {"high": spec.HOURS_HIGH, "medium": spec.HOURS_MEDIUM, "low": spec.HOURS_LOW}


def test_the_spec_constants_are_legacy_constants():
    """L-19/L-20/§12: the spec's decisions, priorities, hours, escalation round and simulated changes are legacy's."""
    assert client_review.DECISIONS == spec.DECISIONS
    assert client_review.PRIORITIES == spec.PRIORITIES
    assert client_review.HOURS_PER_PRIORITY == SPEC_HOURS
    assert client_review.ESCALATION_ROUND == spec.ESCALATION_ROUND
    assert len(client_review.SIMULATED_CHANGES) == spec.SIMULATED_CHANGE_COUNT


def _changes(high: int, medium: int, low: int) -> list[dict[str, str]]:
    return (
        [{"section": "s", "change": "c", "priority": "high"}] * high
        + [{"section": "s", "change": "c", "priority": "medium"}] * medium
        + [{"section": "s", "change": "c", "priority": "low"}] * low
    )


def _spec_hours(high: int, medium: int, low: int) -> tuple[float, float]:
    """(raw hours, hours rounded up to the next half hour) from the spec's constants."""
    raw = high * spec.HOURS_HIGH + medium * spec.HOURS_MEDIUM + low * spec.HOURS_LOW
    return raw, math.ceil(raw / spec.HOURS_ROUNDING_STEP) * spec.HOURS_ROUNDING_STEP


def test_revision_hours_on_every_half_hour_boundary(snapshot_json):
    """L-20: every mix of 0-4 high/medium/low changes lands ON a half hour, which the round-up keeps, in any order."""
    # Every weight is a binary-exact multiple of the half hour, so each raw sum sits exactly on a
    # rounding boundary (asserted) and a point between two boundaries is unreachable through legacy.
    table = {}
    for high, medium, low in itertools.product(range(5), repeat=3):
        raw, expected = _spec_hours(high, medium, low)
        assert (raw / spec.HOURS_ROUNDING_STEP).is_integer()  # on the boundary, exactly
        changes = _changes(high, medium, low)
        hours = client_review.revision_hours(changes)
        assert hours == expected
        assert client_review.revision_hours(list(reversed(changes))) == hours
        table[f"h{high} m{medium} l{low}"] = hours
    assert snapshot_json == table


def _package(rounds: list[int | None]) -> tuple[CampaignRow, list[CreativeAssetRow]]:
    """A campaign and creatives that already went through the given review rounds (not in a session)."""
    now = datetime(2026, 1, 15, 10, tzinfo=timezone.utc)
    campaign = CampaignRow(id="camp-1", name="Edge", project_state="QC_APPROVED", created_at=now)
    rows = [
        CreativeAssetRow(id=f"cr-{i}", campaign_id="camp-1", review_round=r, review_notes=None, created_at=now)
        for i, r in enumerate(rounds)
    ]
    return campaign, rows


def test_escalation_at_exactly_the_escalation_round(legacy_session, snapshot_json):
    """L-20: changes_requested escalates when the round reaches 2 (round 1 does not); other decisions never do."""
    table = {}
    one_below, at, one_above = spec.ESCALATION_ROUND - 1, spec.ESCALATION_ROUND, spec.ESCALATION_ROUND + 1
    starts = {"none": [None], "zero": [0], "below": [one_below - 1], "at": [at - 1], "above": [one_above - 1], "mixed": [0, at - 1, None]}
    for (name, start), decision in itertools.product(starts.items(), spec.DECISIONS):
        campaign, rows = _package(start)
        change = [{"section": "caption", "change": "Shorter", "priority": "low"}] if decision == "changes_requested" else None
        result = client_review.record_feedback(legacy_session, campaign, rows, decision, change)
        if decision == "changes_requested":
            assert (result["status"] == spec.ESCALATED_STATUS) == (result["round"] >= spec.ESCALATION_ROUND)
        else:
            assert result["status"] == decision
        table[f"{name} {decision}"] = {"result": result, "rounds": [r.review_round for r in rows], "state": campaign.project_state}
    assert snapshot_json == table


def _bucket(brand: str) -> int:
    return int(hashlib.sha256(brand.encode("utf-8")).hexdigest(), 16) % spec.REVIEW_BUCKETS


def _brand_in_bucket(bucket: int) -> str:
    """The first "Brand N" whose sha256 bucket is ``bucket`` (a deterministic search)."""
    return next(f"Brand {n}" for n in itertools.count() if _bucket(f"Brand {n}") == bucket)


def test_the_simulated_client_share_boundary(monkeypatch, snapshot_json):
    """§12: a brand asks for changes when its bucket < the share: bucket 24 yes, 25 (= default share) no, 26 no."""
    default = spec.REVIEW_CHANGE_SHARE_DEFAULT
    brands = {b: _brand_in_bucket(b) for b in (0, default - 1, default, default + 1, spec.REVIEW_BUCKETS - 1)}
    table = {"default": {}}
    for bucket, brand in brands.items():
        asks = client_review.simulated_client_requests_changes(brand)
        assert asks == (bucket < default)
        table["default"][f"{bucket} {brand}"] = asks
    for share in (0, 1, default - 1, default, default + 1, spec.REVIEW_BUCKETS - 1, spec.REVIEW_BUCKETS):
        monkeypatch.setenv("AICMO_REVIEW_CHANGE_SHARE", str(share))
        table[f"share {share}"] = {f"{b} {brand}": client_review.simulated_client_requests_changes(brand) for b, brand in brands.items()}
        assert all(v == (int(k.split()[0]) < share) for k, v in table[f"share {share}"].items())
    assert snapshot_json == table
