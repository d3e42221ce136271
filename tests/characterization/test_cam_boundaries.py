"""CAM numeric rules at their boundaries (spec section 10): each threshold exactly, one step below and above.

Every grid is built from the spec's numbers in spec_rules/cam.py, so a changed comparison
(`<` for `<=`) or constant in legacy changes a snapshot. Where a value must land exactly on a
boundary through a sum of floats, the grid asserts the computed intermediate value equals it.
"""
from __future__ import annotations

import itertools
import math
from datetime import datetime, timedelta, timezone

import pytest

from aicmo.domain import LeadSnapshot
from backend.services.cam import (
    campaigns,
    conversion,
    grading,
    leads_io,
    next_action,
    outreach,
    qualification,
    replies,
    routing,
    scoring,
)
from backend.services.cam.campaigns import create_campaign_row, load_campaign
from backend.services.cam.leads_io import insert_lead
from tests.characterization.spec_rules import cam as spec

pytestmark = [pytest.mark.aicmo_evidence(module="cam", suite="characterization"), pytest.mark.legacy_internals("cam", "domain")]

SIGNALS = list(spec.SIGNAL_WEIGHTS)
UTC = timezone.utc


def _around(value: float) -> list[float]:
    """The float just below, the value itself and the float just above."""
    return [math.nextafter(value, -math.inf), value, math.nextafter(value, math.inf)]


def _signal_sets() -> list[dict[str, bool]]:
    return [dict(zip(SIGNALS, bits)) for bits in itertools.product((False, True), repeat=len(SIGNALS))]


def _bits(signals: dict[str, bool]) -> str:
    return "".join("1" if signals[name] else "0" for name in SIGNALS)


def test_the_spec_numbers_are_legacy_constants():
    """L-32..L-41: the spec's constants equal legacy's own module constants, where legacy has them."""
    assert spec.SIZE_BANDS == leads_io.SIZE_BANDS
    assert spec.MISSING_FACTOR == scoring.MISSING
    assert spec.SENIORITY_KEYWORDS == scoring.SENIORITY_KEYWORDS
    assert spec.DEFAULT_SENIORITY == scoring.DEFAULT_SENIORITY
    assert spec.TIERS == scoring.TIER_THRESHOLDS
    assert spec.QUALIFY_THRESHOLD == qualification.QUALIFY_THRESHOLD
    assert spec.LOW_INTENT == qualification.LOW_INTENT
    assert spec.SPAM_SUBSTRINGS == qualification.SPAM_SUBSTRINGS
    assert spec.TEST_PREFIXES == qualification.TEST_PREFIXES
    assert spec.ROLE_PREFIXES_NAMED == qualification.ROLE_PREFIXES[: len(spec.ROLE_PREFIXES_NAMED)]
    assert spec.SIGNALS_FOR_BONUS == routing.SIGNALS_FOR_BONUS and spec.SIGNAL_BONUS == routing.SIGNAL_BONUS
    assert list(spec.SIGNAL_WEIGHTS) == routing.SIGNALS
    assert spec.SEQUENCES == {name: (s.duration_days, s.send_days) for name, s in routing.SEQUENCES.items()}
    assert spec.DEFAULT_MAX_PER_DAY == campaigns.AcquisitionCampaign.model_fields["max_emails_per_day"].default
    assert spec.WARM_UP == outreach.WARM_UP
    assert (spec.WINDOW_START_HOUR, spec.WINDOW_END_HOUR) == (outreach.WINDOW_START_HOUR, outreach.WINDOW_END_HOUR)
    assert (spec.GLOBAL_DAILY_CAP, spec.BATCH_CAP) == (outreach.GLOBAL_DAILY_CAP, outreach.BATCH_CAP)
    assert spec.TEMPLATE_COUNT == len(outreach.TEMPLATES)
    assert spec.REPLY_CATEGORIES == replies.CATEGORIES
    assert spec.NEUTRAL_MIN_LENGTH == replies.NEUTRAL_MIN_LENGTH
    assert spec.FOLLOW_UP_DELAY == replies.FOLLOW_UP_DELAY
    assert spec.STOP_STATUSES == next_action.STOP_STATUSES and spec.NO_REPLY_STOP == next_action.NO_REPLY_STOP
    assert spec.CONVERTIBLE_GRADES == conversion.CONVERTIBLE_GRADES


# --- L-32 ICP fit --------------------------------------------------------------------------


def test_size_fit_of_every_band_pair(snapshot_json):
    """L-32: 1 on the band, else max(0.5, 1 - 0.2 x distance); several targets: the nearest; 0.5 when missing."""
    table = {}
    for lead, target in itertools.product(spec.SIZE_BANDS, spec.SIZE_BANDS):
        distance = abs(spec.SIZE_BANDS.index(lead) - spec.SIZE_BANDS.index(target))
        expected = spec.SIZE_EXACT if distance == 0 else max(spec.SIZE_FLOOR, 1 - spec.SIZE_STEP * distance)
        table[f"{lead} vs {target}"] = scoring.size_fit(lead, [target])
        assert expected == table[f"{lead} vs {target}"]
    for lead in spec.SIZE_BANDS:
        table[f"{lead} vs both ends"] = scoring.size_fit(lead, [spec.SIZE_BANDS[-1], spec.SIZE_BANDS[0]])
        table[f"{lead} vs unknown and 1000+"] = scoring.size_fit(lead, ["huge", "1000+"])
    for lead, targets in [(None, ["51-200"]), ("", ["51-200"]), ("51-200 ", ["51-200"]), ("51-200", []), ("51-200", ["51-200 "])]:
        table[f"{lead!r} vs {targets!r}"] = scoring.size_fit(lead, targets)
    assert snapshot_json == table


def test_industry_fit_exact_substring_and_miss_with_padding_and_case(snapshot_json):
    """L-32: 1 exact, 0.8 either one inside the other, 0.3 otherwise, after trimming and lower-casing."""
    values = ["software", "Software", " SOFTWARE ", "enterprise software", "soft", "SaaS", "software\u00a0", "logiciel", "", "  ", None]
    targets = [["software"], [" Software "], ["SOFTWARE", "fintech"], ["enterprise software"], ["", " "], []]
    assert snapshot_json == {f"{v!r} vs {t!r}": scoring.industry_fit(v, t) for v, t in itertools.product(values, targets)}


def test_revenue_fit_on_each_bound_and_on_the_floor(snapshot_json):
    """L-32: 1 inside [low, high] (bounds included), else the ratio to the nearer bound, floor 0.3."""
    low, high = 1_000_000.0, 50_000_000.0
    # the floor lands exactly: 300000 / 1e6 and 3e6 / 1e7 are both the double 0.3
    floor_low = spec.REVENUE_FLOOR * low
    assert spec.REVENUE_FLOOR == floor_low / low
    narrow = (low, 3_000_000.0)
    floor_high = narrow[1] / spec.REVENUE_FLOOR
    assert spec.REVENUE_FLOOR == narrow[1] / floor_high
    table = {}
    for revenue in [low - 1, low, low + 1, high - 1, high, high + 1, floor_low - 1, floor_low, floor_low + 1, 0.0, -5.0]:
        table[f"{revenue!r} in {low!r}..{high!r}"] = scoring.revenue_fit(revenue, (low, high))
    for revenue in _around(low) + _around(high):
        table[f"{revenue!r} (ulp) in {low!r}..{high!r}"] = scoring.revenue_fit(revenue, (low, high))
    for revenue in [floor_high - 1, floor_high, floor_high + 1]:
        table[f"{revenue!r} in {narrow[0]!r}..{narrow[1]!r}"] = scoring.revenue_fit(revenue, narrow)
    # a reversed range holds nothing; a point range holds its point
    for revenue in [low, 2 * low, high]:
        table[f"{revenue!r} in reversed {high!r}..{low!r}"] = scoring.revenue_fit(revenue, (high, low))
        table[f"{revenue!r} in point {low!r}..{low!r}"] = scoring.revenue_fit(revenue, (low, low))
    # a range ending at 0 holds 0 (the upper bound itself, never divided by)
    table["0.0 in point 0.0..0.0"] = scoring.revenue_fit(0.0, (0.0, 0.0))
    table["0.0 in -1000000.0..0.0"] = scoring.revenue_fit(0.0, (-low, 0.0))
    table["missing revenue"] = scoring.revenue_fit(None, (low, high))
    table["missing range"] = scoring.revenue_fit(low, None)
    assert snapshot_json == table


def test_a_revenue_below_a_zero_lower_bound_divides_by_zero(snapshot_json):
    """L-32: with a range starting at 0 a negative revenue is 'below' it and the ratio divides by zero."""
    with pytest.raises(ZeroDivisionError) as raised:
        scoring.revenue_fit(-1.0, (0.0, 100.0))
    assert snapshot_json == {"error": f"{type(raised.value).__name__}: {raised.value}", "zero inside": scoring.revenue_fit(0.0, (0.0, 100.0))}


def test_location_fit_country_region_and_miss_with_padding_and_case(snapshot_json):
    """L-32: 1 same country, 0.8 same region, 0.4 otherwise, trimmed and lower-cased; 0.5 when missing."""
    leads = [("US", None), (" us ", "Mars"), ("DE", "Europe"), ("de", " EUROPE "), ("BR", "South America"), (None, "europe"), ("", ""), (None, None)]
    targets = [(["US"], ["Europe"]), ([" Us "], []), ([], ["europe "]), (["", "BR"], [""]), ([], [])]
    table = {f"{c!r}/{r!r} vs {cs!r}/{rs!r}": scoring.location_fit(c, r, cs, rs) for (c, r), (cs, rs) in itertools.product(leads, targets)}
    assert snapshot_json == table


def test_icp_fit_weights_each_factor(snapshot_json):
    """L-32: 0.30 size + 0.30 industry + 0.25 revenue + 0.15 location; one factor moved at a time."""
    campaign = load_campaign({"name": "icp", "targets": {"company_sizes": ["51-200"], "industries": ["software"], "revenue_range": [1e6, 5e7], "countries": ["US"], "regions": ["Europe"]}})
    base = {"company_size": "51-200", "industry": "software", "revenue": 2e6, "country": "US", "region": "Europe"}
    moves = {"none": {}, "size": {"company_size": "1-10"}, "industry": {"industry": "farming"}, "revenue": {"revenue": 5e5}, "location": {"country": "BR", "region": "Asia"}, "all missing": dict.fromkeys(base)}
    table = {}
    for name, change in moves.items():
        lead = LeadSnapshot(**{**base, **change})
        factors = [
            scoring.size_fit(lead.company_size, ["51-200"]), scoring.industry_fit(lead.industry, ["software"]),
            scoring.revenue_fit(lead.revenue, (1e6, 5e7)), scoring.location_fit(lead.country, lead.region, ["US"], ["Europe"]),
        ]
        expected = sum(w * f for w, f in zip(spec.ICP_WEIGHTS.values(), factors))
        table[name] = scoring.icp_fit(lead, campaign)
        assert expected == table[name]  # the spec's sum in the spec's order is legacy's float
    assert snapshot_json == table


# --- L-33 opportunity ------------------------------------------------------------------------


def test_title_fit_exact_partial_miss_and_no_roles(snapshot_json):
    """L-33: 1 exact role, 0.8 either inside the other, 0.3 no match or no title, 0.6 without roles."""
    titles = ["VP Marketing", " vp marketing ", "VP", "Senior VP Marketing EMEA", "Marketing", "Engineer", "", "   "]
    roles = [["VP Marketing", "Head of Growth"], [" VP MARKETING "], ["", "  "], []]
    assert snapshot_json == {f"{t!r} vs {r!r}": scoring.title_fit(t, r) for t, r in itertools.product(titles, roles)}


def _spec_seniority(title: str) -> float:
    """The score of the first keyword of the spec's list found in the lower-cased title (Q-15: substrings)."""
    text = title.strip().lower()
    return next((score for keyword, score in spec.SENIORITY_KEYWORDS if keyword in text), spec.DEFAULT_SENIORITY)


def test_seniority_keywords_alone_cased_and_in_pairs(snapshot_json):
    """L-33/Q-15: each keyword alone, upper-cased and inside a word; of two keywords the earlier-listed wins ("director" holds "cto")."""
    table = {}
    for keyword, _ in spec.SENIORITY_KEYWORDS:
        for title in (keyword, f"  {keyword.upper()}  ", f"x{keyword}x"):
            table[title] = scoring.seniority_score(title)
            assert _spec_seniority(title) == table[title]
    for (first, _), (later, _) in itertools.combinations(spec.SENIORITY_KEYWORDS, 2):
        title = f"{later} {first}"  # the later-listed keyword comes first in the text
        table[title] = scoring.seniority_score(title)
        assert _spec_seniority(title) == table[title]
    for title in ["", "Analyst", "Directeur", "Coordinator", "Director", "Scoop editor", "Headhunter", "Vice President", "Ops"]:
        table[f"other {title!r}"] = scoring.seniority_score(title)
    assert snapshot_json == table


def _spec_signals(signals: dict[str, bool]) -> float:
    """The raw L-33 sum, in the spec's order, before the cap."""
    total = spec.SIGNALS_BASE
    for name, weight in spec.SIGNAL_WEIGHTS.items():
        total += weight * signals[name]
    return total


def test_signals_sum_and_the_cap_at_exactly_one(snapshot_json):
    """L-33: 0.5 + the weights of the signals present, capped at 1; some sets sum to exactly 1.0."""
    table, exactly_one = {}, []
    for signals in _signal_sets():
        raw = _spec_signals(signals)
        value = scoring.signals_score(LeadSnapshot(**signals))
        assert min(spec.SIGNALS_CAP, raw) == value
        if raw == spec.SIGNALS_CAP:
            exactly_one.append(_bits(signals))
        table[_bits(signals)] = {"raw": raw, "score": value}
    assert exactly_one  # job change + funded + hiring sums to exactly 1.0
    assert snapshot_json == {"signals (job,funded,hiring,activity,dm,budget)": table, "exactly_one": exactly_one}


# --- L-34 tiers, and scores landing exactly on the thresholds through score_lead ------------


def test_tier_at_each_threshold(snapshot_json):
    """L-34: HOT >= 0.85, WARM >= 0.65, COOL >= 0.40, else COLD, at and one float either side."""
    table = {}
    for threshold, tier in spec.TIERS:
        below, on, above = _around(threshold)
        table[repr(below)], table[repr(on)], table[repr(above)] = (scoring.tier_for(v) for v in (below, on, above))
        assert tier == table[repr(on)] == table[repr(above)]
    table["0.0"], table["-1.0"], table["1.5"] = scoring.tier_for(0.0), scoring.tier_for(-1.0), scoring.tier_for(1.5)
    assert snapshot_json == table


# the campaign of the code-path grid; every factor below is one of its values
EDGE_TARGETS = {
    "company_sizes": ["51-200"], "industries": ["software"], "revenue_range": [1_000_000, 50_000_000],
    "countries": ["US"], "regions": ["Europe"], "target_roles": ["Marketing Manager"],
}
HALF_LOW = 500_000.0  # revenue ratio 0.5 exactly; +-1 moves the score by +-1.25e-7
# name -> (lead fields, the score it lands on exactly); found by enumerating the factor values
EDGE_LEADS = {
    "hot_085_two_signals": (
        {"company_size": "51-200", "industry": "software", "country": "US", "region": "North America", "title": "Marketing Manager", "decision_maker": True, "budget_authority": True},
        0.85,
    ),
    "warm_065_no_signals": ({"company_size": "51-200", "industry": "software", "country": "DE", "region": "Europe", "title": "Senior Analyst"}, 0.65),
    "qualify_070_two_signals": (
        {"company_size": "51-200", "industry": "software", "country": "DE", "region": "Europe", "title": "Senior Analyst", "decision_maker": True, "budget_authority": True},
        0.70,
    ),
    "qualify_070_three_signals_bonus_to_085": (
        {"company_size": "51-200", "industry": "software", "country": "BR", "region": "South America", "title": "Senior Analyst", "funded": True, "decision_maker": True, "budget_authority": True},
        0.70,
    ),
    "qualify_070_no_signals_low_intent": ({"company_size": "51-200", "industry": "software", "country": "DE", "region": "Europe", "title": "CEO"}, 0.70),
}


def test_scores_on_each_threshold_through_the_whole_lead_path(legacy_session, snapshot_json):
    """L-34..L-37: leads scored exactly 0.85/0.65/0.70 (and revenue -1/+1) through score, qualify, grade, route."""
    campaign = load_campaign({"name": "edges", "targets": EDGE_TARGETS})
    row = create_campaign_row(legacy_session, campaign)
    table = {}
    for name, (fields, score) in EDGE_LEADS.items():
        for step, revenue in (("below", HALF_LOW - 1), ("on", HALF_LOW), ("above", HALF_LOW + 1)):
            lead = insert_lead(legacy_session, row.id, LeadSnapshot(name=name, email=f"{name}@edge.io", revenue=revenue, **fields))
            scored = scoring.score_lead(legacy_session, lead, campaign)
            assert {"below": scored < score, "on": scored == score, "above": scored > score}[step]
            qualification.qualify_lead(legacy_session, lead, campaign)
            grading.grade_lead(legacy_session, lead)
            sequence = routing.route_lead(legacy_session, lead).name if lead.qualification_status == "QUALIFIED" else None
            table[f"{name} {step}"] = {
                "lead_score": repr(lead.lead_score), "tier": lead.tier, "tags": lead.tags, "status": lead.status,
                "qualification": [lead.qualification_status, lead.rejection_reason, lead.intent_score],
                "grade": lead.grade, "sequence": sequence,
            }
    assert snapshot_json == table


def test_every_lead_tops_out_at_068_under_batch_scoring(legacy_session, snapshot_json):
    """Q-16: no targets, so ICP 0.5 and title 0.6; the best possible lead scores (0.5 + 0.86) / 2."""
    row = create_campaign_row(legacy_session, load_campaign(None))
    best = LeadSnapshot(email="best@x.io", title="CEO", **dict.fromkeys(SIGNALS, True))
    leads = [insert_lead(legacy_session, row.id, lead) for lead in (best, LeadSnapshot(email="worst@x.io"))]
    scores = scoring.score_leads_batch(legacy_session, leads)
    assert spec.BATCH_ICP == leads[0].icp_fit and scores[0] == pytest.approx(spec.BATCH_MAX_SCORE)
    assert all(score < spec.QUALIFY_THRESHOLD for score in scores)
    assert snapshot_json == {"scores": [repr(s) for s in scores], "tiers": [lead.tier for lead in leads], "tags": [lead.tags for lead in leads]}


# --- L-35 qualification ----------------------------------------------------------------------


def test_the_qualify_threshold_exactly(snapshot_json):
    """L-35: a score one float below 0.70 is LOW_ICP_FIT; 0.70 and above go on to the e-mail and intent checks."""
    campaign = load_campaign(None)
    lead = LeadSnapshot(email="jane@acme.com", decision_maker=True)
    table = {repr(s): list(qualification.qualify(lead, s, campaign)) for s in [None, 0.0, *_around(spec.QUALIFY_THRESHOLD), 1.0]}
    assert snapshot_json == table


def test_intent_of_every_signal_set_at_the_threshold_score(snapshot_json):
    """L-35: intent weights; LOW_INTENT is < 0.2 and only for non-decision-makers (0.2 itself qualifies)."""
    campaign = load_campaign(None)
    table, on_low_intent = {}, []
    for signals in _signal_sets():
        expected = sum(w * signals[n] for n, w in spec.INTENT_WEIGHTS.items())
        lead = LeadSnapshot(email="jane@acme.com", **signals)
        status, reason, intent = qualification.qualify(lead, spec.QUALIFY_THRESHOLD, campaign)
        assert expected == intent  # the spec's sum in the spec's order is legacy's float
        if intent == spec.LOW_INTENT:
            on_low_intent.append(_bits(signals))
        table[_bits(signals)] = [status, reason, repr(intent)]
    # funded alone and hiring alone are exactly 0.2 (0.20 x 1 plus zeros), as are dm + budget authority
    assert {"010000", "001000", "000011"} <= set(on_low_intent)
    assert snapshot_json == {"signals (job,funded,hiring,activity,dm,budget)": table, "intent exactly 0.2": on_low_intent}


EMAILS = {
    "clean": "jane.doe@acme.com",
    "invalid": "jane.doe@acme",
    "spam": "jane@spamfilter.io",
    "test": "testjane@acme.com",
    "role": "sales@acme.com",
    "competitor": "jane@RivalCMO.com",
    "free": "jane@gmail.com",
    "invalid+spam": "bot@localhost",
    "test+role? no: demo then role": "demo.sales@acme.com",
    "spam+test+role+competitor": "testbot@rivalcmo.com",
    "role+free": "info@gmail.com",
    "padded and upper": "  JANE@ACME.COM  ",
    "empty": "",
    "two at signs": "a@b@c.com",
    "space inside": "jane doe@acme.com",
    "unicode": "zoë@café.fr",
    "two at signs, competitor after the second": "pat@home@rivalcmo.com",
    "two at signs, free mail after the second": "ann@home@gmail.com",
    "abbott (Q-17)": "frank@abbott.com",
}


def test_email_problems_alone_and_together_with_free_mail_on_and_off(snapshot_json):
    """L-35/Q-17: every check alone and several at once (MULTIPLE_REASONS), free mail only when blocked."""
    open_campaign = load_campaign({"name": "open", "competitor_domains": ["rivalcmo.com"]})
    strict = load_campaign({"name": "strict", "competitor_domains": ["RIVALCMO.COM"], "block_free_mail": True})
    table = {}
    for name, email in EMAILS.items():
        lead = LeadSnapshot(email=email, decision_maker=True)
        table[name] = {
            "problems": [qualification.email_problems(email, c) for c in (open_campaign, strict)],
            "outcome": [list(qualification.qualify(lead, spec.QUALIFY_THRESHOLD, c)) for c in (open_campaign, strict)],
        }
    assert snapshot_json == table


# --- L-36 routing ------------------------------------------------------------------------------


def _bonus_boundary(threshold: float) -> list[float]:
    """Scores whose score + bonus is just below, exactly on and just above the threshold."""
    on = threshold - spec.SIGNAL_BONUS
    while on + spec.SIGNAL_BONUS < threshold:
        on = math.nextafter(on, math.inf)
    while on + spec.SIGNAL_BONUS > threshold:
        on = math.nextafter(on, -math.inf)
    assert on + spec.SIGNAL_BONUS == threshold
    below = on
    while below + spec.SIGNAL_BONUS >= threshold:
        below = math.nextafter(below, -math.inf)
    above = on
    while above + spec.SIGNAL_BONUS <= threshold:
        above = math.nextafter(above, math.inf)
    return [below, on, above]


def test_routing_bands_with_two_and_three_signals(snapshot_json):
    """L-36: effective score = score + 0.15 with 3+ signals; bands at 0.85/0.70/0.50, at and one float either side."""
    table = {}
    for threshold, name in spec.ROUTING_BANDS:
        for signals in (spec.SIGNALS_FOR_BONUS - 1, spec.SIGNALS_FOR_BONUS):
            scores = _around(threshold) if signals < spec.SIGNALS_FOR_BONUS else _bonus_boundary(threshold)
            for step, score in zip(("below", "on", "above"), scores):
                effective = routing.effective_score(score, signals)
                table[f"{threshold} {step} signals={signals}"] = [repr(score), repr(effective), routing.sequence_for(score, signals).name]
            assert name == table[f"{threshold} on signals={signals}"][2]
    for signals in range(0, 7):
        table[f"None signals={signals}"] = routing.sequence_for(None, signals).name
    table["sequences"] = {name: [s.duration_days, list(s.send_days)] for name, s in routing.SEQUENCES.items()}
    assert snapshot_json == table


def test_signal_count_of_every_signal_set(snapshot_json):
    """L-36: the number of the six signals present decides the bonus."""
    table = {}
    for signals in _signal_sets():
        count = routing.signal_count(LeadSnapshot(**signals))
        assert sum(signals.values()) == count
        table[_bits(signals)] = [count, routing.effective_score(0.5, count)]
    assert snapshot_json == table


# --- L-37 grade ----------------------------------------------------------------------------------


def _grade_boundary(threshold: float, answers: tuple[str, str, str]) -> list[float]:
    """Scores whose grade fit is just below, exactly on (when a score lands there) and just above the threshold."""
    fit = lambda s: grading.grade_fit(s, *answers)  # noqa: E731
    extra = sum(b for b, a in zip(spec.GRADE_BONUS.values(), answers) if a.strip())
    step = math.ulp(threshold)  # steps of the fit's own size (a score near 0 has far smaller ones)
    on = threshold - extra
    for _ in range(8):  # a few steps either way reach it when the sum can land exactly
        if fit(on) == threshold:
            break
        on += step if fit(on) < threshold else -step
    below, above = on, on
    for _ in range(64):  # bounded: a changed grade_fit must fail the snapshot, not hang the search
        if fit(below) < threshold:
            break
        below -= step
    for _ in range(64):
        if fit(above) > threshold:
            break
        above += step
    return [below, on, above]


ANSWER_SETS = list(itertools.product(("", "$5k"), ("", "Q2"), ("", "pain")))


def test_grade_bands_and_the_cap_for_every_answer_set(snapshot_json):
    """L-37: fit = min(1, score + 0.2 budget + 0.1 timeline + 0.1 pains); A >= 0.8 with budget and timeline; B 0.6; C 0.4."""
    table, exact = {}, []
    for (threshold, _), answers in itertools.product(spec.GRADES, ANSWER_SETS):
        for step, score in zip(("below", "on", "above"), _grade_boundary(threshold, answers)):
            fit = grading.grade_fit(score, *answers)
            if step == "on" and fit == threshold:
                exact.append(f"{threshold} {answers}")
            table[f"{threshold} {step} {answers}"] = [repr(score), repr(fit), grading.grade_for(score, *answers)]
    for answers in ANSWER_SETS:
        cap_at = spec.GRADE_FIT_CAP - sum(b for b, a in zip(spec.GRADE_BONUS.values(), answers) if a)
        for score in (cap_at, cap_at + 0.05, 2.0, None):
            table[f"cap {score!r} {answers}"] = [repr(grading.grade_fit(score, *answers)), grading.grade_for(score, *answers)]
    for padded in (" ", "\t", " $5k "):
        table[f"budget {padded!r}"] = [grading.grade_fit(0.6, padded, "Q2", None), grading.grade_for(0.6, padded, "Q2", None)]
    assert snapshot_json == {"grid [score, fit, grade]": table, "landing exactly": exact}


# --- L-38 outreach safety --------------------------------------------------------------------


def _outreach_setup(session, max_per_day: int = 20, leads: int = 1, created_days_ago: float = 0, mode: str = "SIMULATION"):
    campaign = load_campaign({"name": "edge", "mode": mode, "max_emails_per_day": max_per_day})
    row = create_campaign_row(session, campaign)
    row.created_at = datetime.now(UTC) - timedelta(days=created_days_ago)
    rows = [insert_lead(session, row.id, LeadSnapshot(name=f"Lead {i}", email=f"lead{i}@acme.com", company="Acme")) for i in range(leads)]
    return campaign, row, rows


@pytest.mark.parametrize(
    "instant",
    ["08:59:59.999999", "09:00:00", "09:00:00.000001", "13:30:00.5", "17:59:59.999999", "18:00:00", "23:59:59.999999", "00:00:00"],
)
def test_the_sending_window_at_its_edges(instant, legacy_session, fixed_clock, snapshot_json):
    """L-38: 09:00 inclusive to 18:00 exclusive UTC, at microsecond edges."""
    fixed_clock.move_to(f"2026-01-15T{instant}+00:00")
    campaign, row, (lead,) = _outreach_setup(legacy_session)
    result = outreach.send_outreach(legacy_session, lead, row, campaign, 0)
    assert snapshot_json == [result.outcome, lead.status, lead.first_contacted_at]


def test_warm_up_caps_at_day_edges_for_each_channel(snapshot_json):
    """L-38: e-mail 5 +5/day to 20, LinkedIn 3 +2/day to 10 (others as e-mail); a day is 24 h since creation."""
    created = datetime(2026, 1, 1, 9, 30, 15, 250000, tzinfo=UTC)
    table = {}
    for channel in ("email", "linkedin", "sms"):
        for days in range(-1, 6):
            for offset, label in ((-1, "-1us"), (0, "on"), (1, "+1us")):
                now = created + timedelta(days=days, microseconds=offset)
                table[f"{channel} day {days} {label}"] = outreach.warm_up_cap(channel, created, now)
    now = created + timedelta(days=2)
    table["naive created (read back from SQLite)"] = outreach.warm_up_cap("email", created.replace(tzinfo=None), now)
    # PostgreSQL gives timestamptz back in the session's zone: the same instant, so the same day count
    kolkata = created.astimezone(timezone(timedelta(hours=5, minutes=30)))
    for offset, label in ((-1, "-1us"), (0, "on"), (1, "+1us")):
        at = created + timedelta(days=2, microseconds=offset)
        table[f"created in +05:30, day 2 {label}"] = outreach.warm_up_cap("email", kolkata, at)
    table["now in +05:30"] = outreach.warm_up_cap("email", created, now.astimezone(timezone(timedelta(hours=5, minutes=30))))
    for cap in (0, 3, 10, 15, 20, 25):
        campaign = load_campaign({"name": "cap", "max_emails_per_day": cap})
        table[f"daily_limit max={cap} day 2"] = outreach.daily_limit(campaign, "email", created, now)
    assert snapshot_json == table


@pytest.mark.parametrize("max_per_day", [3, 4])
def test_the_campaign_daily_limit_hit_exactly_and_one_over(max_per_day, legacy_session, snapshot_json):
    """L-38: max_emails_per_day sends go out, the next is daily_limit, per campaign and channel; the key has no channel."""
    # another campaign's e-mails and this campaign's LinkedIn messages do not use the e-mail quota;
    # the same step by e-mail after LinkedIn is a duplicate of the LinkedIn message (same lead, hash, step)
    campaign, row, leads = _outreach_setup(legacy_session, max_per_day=max_per_day, leads=5, created_days_ago=10)
    _fill_attempts(legacy_session, 5, datetime.now(UTC), campaign_id="another campaign")
    linkedin = [outreach.send_outreach(legacy_session, lead, row, campaign, 0, "linkedin").outcome for lead in leads]
    same_step = outreach.send_outreach(legacy_session, leads[0], row, campaign, 0).outcome
    email = [outreach.send_outreach(legacy_session, lead, row, campaign, 1).outcome for lead in leads]
    assert snapshot_json == {"linkedin step 0": linkedin, "email step 0 after linkedin": same_step, "email step 1": email}


def test_the_batch_cap_across_one_acquisition_run(legacy_session, fixed_clock, monkeypatch, snapshot_json):
    """L-38: one acquire run stops at 100 attempts, which only sends spread over several days can reach."""
    # a run's campaign is created that day, so warm-up allows 5 e-mails; here the provider takes a
    # day per send, so each send has a fresh day and a larger warm-up, and the batch cap stops the 101st
    from backend.services.cam.acquisition import acquire

    monkeypatch.setattr(outreach, "EMAIL_SENDER", lambda to, subject, body: fixed_clock.tick(timedelta(days=1)))
    campaign = load_campaign({**campaigns.EXAMPLE_CAMPAIGN, "mode": "LIVE", "max_emails_per_day": 20})
    lead = LeadSnapshot(title="VP Marketing", company_size="51-200", industry="software", revenue=2e6, country="US", decision_maker=True, budget="$1k", timeline="Q1")
    leads = [lead.model_copy(update={"name": f"Lead {i}", "email": f"lead{i}@acme.com"}) for i in range(spec.BATCH_CAP + 2)]
    result = acquire(legacy_session, campaign, leads, [])
    outcomes = [row["outreach"] for row in result["leads"]]
    assert snapshot_json == {"summary": result["summary"], "last three": outcomes[-3:]}


def _fill_attempts(session, count: int, at: datetime, campaign_id: str = "other", status: str = "SENT") -> None:
    session.add_all(
        outreach.OutreachAttemptRow(
            id=f"fill-{campaign_id}-{at.isoformat()}-{i}", lead_id="x", campaign_id=campaign_id, channel="email",
            sequence_step=0, message_hash="h", status=status, attempted_at=at,
        )
        for i in range(count)
    )
    session.flush()


@pytest.mark.parametrize("already", [spec.GLOBAL_DAILY_CAP - 1, spec.GLOBAL_DAILY_CAP])
def test_the_global_daily_cap_exactly(already, legacy_session, snapshot_json):
    """L-38: 500 attempts of any campaign and status today stop the next send; 499 do not."""
    campaign, row, (lead,) = _outreach_setup(legacy_session, max_per_day=1000, created_days_ago=10)
    _fill_attempts(legacy_session, already, datetime.now(UTC), status="FAILED")
    _fill_attempts(legacy_session, 3, datetime.now(UTC) - timedelta(days=1))  # yesterday's do not count
    assert snapshot_json == outreach.send_outreach(legacy_session, lead, row, campaign, 0).outcome


def test_the_batch_cap_exactly(legacy_session, snapshot_json):
    """L-38: a batch counter at 99 lets one more attempt through (and counts it); at 100 it stops."""
    campaign, row, leads = _outreach_setup(legacy_session, max_per_day=1000, leads=3, created_days_ago=10)
    counter = {"attempts": spec.BATCH_CAP - 1}
    outcomes = [outreach.send_outreach(legacy_session, lead, row, campaign, 0, "email", counter).outcome for lead in leads]
    empty = {}
    first = outreach.send_outreach(legacy_session, leads[2], row, campaign, 1, "email", empty).outcome
    assert snapshot_json == {"outcomes": outcomes, "counter": counter, "empty counter": [first, empty]}


def test_attempts_today_at_the_utc_day_edges(legacy_session, fixed_clock, snapshot_json):
    """L-38: today is the day of `now` in its own offset, compared with the stored UTC clock times."""
    # at 20:17 UTC a `now` in +05:30 is already the 16th there, so it counts the 16th's attempts;
    # the stored times are naive UTC clock times, so the offset is not applied to them
    fixed_clock.move_to("2026-01-15T20:17:07.5+00:00")  # no part of the clock time is zero
    midnight = datetime(2026, 1, 15, tzinfo=UTC)
    for label, at in {"day start": midnight, "last us of yesterday": midnight - timedelta(microseconds=1),
                      "last us of today": midnight + timedelta(days=1, microseconds=-1), "tomorrow": midnight + timedelta(days=1)}.items():
        _fill_attempts(legacy_session, 1, at, campaign_id=label)
    now = datetime.now(UTC)
    table = {
        "utc now": outreach.attempts_today(legacy_session, now),
        "now in +05:30 (local midnight)": outreach.attempts_today(legacy_session, now.astimezone(timezone(timedelta(hours=5, minutes=30)))),
        "now in -05:00": outreach.attempts_today(legacy_session, now.astimezone(timezone(timedelta(hours=-5)))),
        "by campaign": {label: outreach.attempts_today(legacy_session, now, label) for label in ("day start", "tomorrow")},
        "by channel": [outreach.attempts_today(legacy_session, now, None, "email"), outreach.attempts_today(legacy_session, now, None, "linkedin")],
    }
    assert snapshot_json == table


# --- L-39 replies ------------------------------------------------------------------------------


def test_reply_bodies_around_the_neutral_length(snapshot_json):
    """L-39: no keyword: longer than 10 characters is NEUTRAL (padding counts), else UNKNOWN."""
    table = {}
    for length in (spec.NEUTRAL_MIN_LENGTH - 1, spec.NEUTRAL_MIN_LENGTH, spec.NEUTRAL_MIN_LENGTH + 1):
        for body in ("x" * length, " " * length, "é" * length, "  " + "z" * (length - 4) + "  " if length > 4 else ""):
            table[repr(body)] = replies.classify_reply(body)
    table["None"] = replies.classify_reply(None)
    assert snapshot_json == table


def test_every_reply_phrase_alone_cased_padded_and_in_pairs(snapshot_json):
    """L-39: each phrase alone, upper-cased, padded, inside a word; of two categories the earlier wins."""
    table = {}
    for category, confidence, phrases in spec.REPLY_CATEGORIES:
        for phrase in phrases:
            for body in (phrase, phrase.upper(), f"  {phrase.title()}  ", f"x{phrase}x"):
                table[repr(body)] = replies.classify_reply(body)
            assert (category, confidence) == table[repr(phrase)]
    for (first, _, first_phrases), (later, _, later_phrases) in itertools.combinations(spec.REPLY_CATEGORIES, 2):
        body = f"{later_phrases[0]} and {first_phrases[-1]}"
        table[f"pair {body!r}"] = replies.classify_reply(body)
        assert first == table[f"pair {body!r}"][0]
    assert snapshot_json == table


# --- L-40 next action and stop -------------------------------------------------------------------


def _row(session, campaign_id, **values):
    lead = insert_lead(session, campaign_id, LeadSnapshot(email="edge@x.com"))
    for name, value in values.items():
        setattr(lead, name, value)
    return lead


def _enriched_scores() -> dict[str, float]:
    """Scores at the edges of int(360 x (1 - score)) = 29, 30 and 31 minutes.

    360 x (1 - score) is never exactly 30: 1 - score would have to be 1/12, which no binary
    float is. The edges are the last score whose product stays below an integer and the first
    whose product reaches it; dyadic scores (0.9375, 0.875) give exact products (22.5, 45.0).
    """
    scores = {}
    for minutes in (spec.ENRICHED_FLOOR_MINUTES - 1, spec.ENRICHED_FLOOR_MINUTES, spec.ENRICHED_FLOOR_MINUTES + 1, spec.ENRICHED_FLOOR_MINUTES + 2):
        score = 1 - minutes / spec.ENRICHED_SPAN_MINUTES
        while spec.ENRICHED_SPAN_MINUTES * (1 - score) >= minutes:
            score = math.nextafter(score, math.inf)
        scores[f"product just below {minutes}"] = score
        scores[f"product reaches {minutes}"] = math.nextafter(score, -math.inf)
    scores["dyadic 0.9375 (22.5 min)"], scores["dyadic 0.875 (45.0 min)"] = 0.9375, 0.875
    return scores


def test_the_enriched_delay_around_its_30_minute_floor(legacy_session, snapshot_json):
    """L-40: ENRICHED waits max(30, int(360 x (1 - score))) minutes; 1 h without a score."""
    campaign = create_campaign_row(legacy_session, load_campaign(None))
    now = datetime(2026, 1, 15, 10, 0, 0, 500000, tzinfo=UTC)
    table, truncated = {}, set()
    for label, score in {**_enriched_scores(), "None": None, "0.0": 0.0, "0.5": 0.5, "1.0": 1.0, "1.2": 1.2, "-0.5": -0.5}.items():
        lead = _row(legacy_session, campaign.id, status="ENRICHED", lead_score=score)
        at = next_action.next_action_at(lead, now)
        if score is not None:
            truncated.add(int(spec.ENRICHED_SPAN_MINUTES * (1 - score)))
        table[label] = [repr(score), str(at - now)]
    assert {29, 30, 31, 32} <= truncated
    assert snapshot_json == table


def test_each_status_delay_with_an_aware_non_utc_now(legacy_session, snapshot_json):
    """L-40: the delay is added to `now` as given, keeping its offset; stop statuses give no next action."""
    campaign = create_campaign_row(legacy_session, load_campaign(None))
    now = datetime(2026, 1, 15, 15, 30, 0, 123456, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    table = {}
    for status, tags in [("NEW", "[]"), ("ENRICHED", "[]"), ("CONTACTED", "[]"), ("CONTACTED", '["attempt_2"]'), ("CONTACTED", '["ATTEMPT_2"]'),
                         ("CONTACTED", '["attempt_3", "attempt_2"]'), ("CONTACTED", ""), ("REPLIED", "[]"), ("LOST", "[]"), ("QUALIFIED", "[]"), ("REJECTED", "[]"), ("MADE_UP", "[]")]:
        lead = _row(legacy_session, campaign.id, status=status, tags=tags, lead_score=0.5)
        at = next_action.next_action_at(lead, now)
        table[f"{status} {tags}"] = [at.isoformat() if at else None, next_action.should_stop(lead, now)]
    assert snapshot_json == table


def test_the_30_day_no_reply_stop_to_the_second(legacy_session, snapshot_json):
    """L-40: stop when more than 30 days passed since first contact without a reply: 30 d exactly does not stop."""
    campaign = create_campaign_row(legacy_session, load_campaign(None))
    first = datetime(2025, 12, 16, 10, 0, 0, 250000, tzinfo=UTC)
    table = {}
    for label, delta in {"-1s": timedelta(seconds=-1), "-1us": timedelta(microseconds=-1), "exactly": timedelta(0),
                         "+1us": timedelta(microseconds=1), "+1s": timedelta(seconds=1)}.items():
        now = first + spec.NO_REPLY_STOP + delta
        aware = _row(legacy_session, campaign.id, status="CONTACTED", first_contacted_at=first)
        naive = _row(legacy_session, campaign.id, status="CONTACTED", first_contacted_at=first.replace(tzinfo=None))
        replied = _row(legacy_session, campaign.id, status="CONTACTED", first_contacted_at=first, last_replied_at=first)
        dnc = _row(legacy_session, campaign.id, status="CONTACTED", tags='["do_not_contact"]')
        # PostgreSQL: the same instant read back in the session's zone
        zoned = _row(legacy_session, campaign.id, status="CONTACTED", first_contacted_at=first.astimezone(timezone(timedelta(hours=-5))))
        table[label] = [next_action.should_stop(lead, now) for lead in (aware, naive, replied, dnc, zoned)]
    assert snapshot_json == {"[aware, naive (SQLite), with last_replied_at, do_not_contact never contacted, in -05:00]": table}


# --- L-41 conversion -----------------------------------------------------------------------------


def test_conversion_by_grade_and_reply_category(legacy_session, snapshot_json):
    """L-41: only a POSITIVE reply on a grade A or B lead converts; the intake is pre-filled from the lead."""
    row = create_campaign_row(legacy_session, load_campaign(None))
    table = {}
    for grade, category in itertools.product(["A", "B", "C", "D", None, "a"], ["POSITIVE", "NEUTRAL", "NEGATIVE"]):
        lead = insert_lead(legacy_session, row.id, LeadSnapshot(email="conv@x.io", company="Conv Co", industry="software", country="UK", pain_points="Churn"))
        lead.grade = grade
        reply = replies.ReplyRow(id=f"r-{grade}-{category}", lead_id=lead.id, email=lead.email, category=category, confidence=0.5)
        converted = conversion.convert_reply(legacy_session, lead, reply)
        table[f"{grade} {category}"] = None if converted is None else {"intake": converted["intake"], "tags": lead.tags}
    assert snapshot_json == table
