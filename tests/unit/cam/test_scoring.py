"""Lead scoring: ICP fit, opportunity, score, tier (L-32..L-34, Q-15, Q-16)."""
from __future__ import annotations

import pytest
from freezegun import freeze_time

from aicmo.domain import LeadSnapshot
from backend.services.cam.campaigns import (
    AcquisitionCampaign,
    batch_campaign,
    create_campaign_row,
    load_campaign,
)
from backend.services.cam.leads_io import insert_lead
from backend.services.cam.qualification import qualify
from backend.services.cam.scoring import (
    icp_fit,
    industry_fit,
    lead_tags,
    location_fit,
    opportunity,
    revenue_fit,
    score_lead,
    score_leads_batch,
    seniority_score,
    signals_score,
    size_fit,
    tier_for,
    title_fit,
)

pytestmark = pytest.mark.legacy_internals("cam", "domain")

CAMPAIGN = load_campaign(None)
ALL_SIGNALS = dict(
    job_change=True, funded=True, hiring=True, recent_activity=True, decision_maker=True, budget_authority=True
)
PERFECT = LeadSnapshot(
    name="Alice Moreno", email="alice@brightpay.io", company="BrightPay", title="VP Marketing",
    company_size="51-200", industry="fintech", revenue=12_000_000, country="US", region="North America",
    **ALL_SIGNALS,
)


def test_l32_icp_fit_is_one_for_a_perfect_match():
    """Every ICP factor at 1 gives an ICP fit of 1."""
    assert 1.0 == pytest.approx(icp_fit(PERFECT, CAMPAIGN))


@pytest.mark.parametrize(
    "size, expected",
    [("51-200", 1.0), ("11-50", 0.8), ("1-10", 0.6), ("1000+", 0.8), (None, 0.5)],
)
def test_l32_size_uses_band_distance_to_the_nearest_target(size, expected):
    """Size: 1 on a target band, else max(0.5, 1 - 0.2 x band distance); missing 0.5."""
    assert expected == pytest.approx(size_fit(size, ["51-200", "201-1000"]))


def test_l32_size_never_drops_below_half():
    """Four bands away is 1 - 0.8 = 0.2, floored at 0.5."""
    assert 0.5 == size_fit("1000+", ["1-10"])


@pytest.mark.parametrize(
    "industry, expected",
    [("fintech", 1.0), ("FinTech", 1.0), ("fintech software", 0.8), ("retail", 0.3), (None, 0.5)],
)
def test_l32_industry_exact_substring_or_other(industry, expected):
    """Industry: 1 exact, 0.8 substring, 0.3 otherwise, 0.5 missing."""
    assert expected == industry_fit(industry, ["software", "fintech"])


@pytest.mark.parametrize(
    "revenue, expected",
    [(5_000_000, 1.0), (500_000, 0.5), (200_000, 0.3), (100_000_000, 0.5), (None, 0.5)],
)
def test_l32_revenue_ratio_to_nearer_bound_floored(revenue, expected):
    """Revenue: 1 inside, else ratio to the nearer bound with a 0.3 floor; missing 0.5."""
    assert expected == pytest.approx(revenue_fit(revenue, (1_000_000, 50_000_000)))


@pytest.mark.parametrize(
    "country, region, expected",
    [("US", "North America", 1.0), ("FR", "Europe", 0.8), ("JP", "Asia", 0.4), (None, None, 0.5)],
)
def test_l32_location_country_then_region(country, region, expected):
    """Location: 1 same country, 0.8 same region, 0.4 otherwise, 0.5 missing."""
    assert expected == location_fit(country, region, ["US", "UK"], ["North America", "Europe"])


def test_l32_missing_targets_score_half_on_every_factor():
    """A campaign without targets gives 0.5 on every ICP factor."""
    assert 0.5 == pytest.approx(icp_fit(PERFECT, AcquisitionCampaign(name="no targets")))


def test_l32_weights():
    """0.30 size + 0.30 industry + 0.25 revenue + 0.15 location."""
    lead = LeadSnapshot(company_size="11-50", industry="retail", revenue=2_000_000, country="JP", region="Asia")
    assert 0.30 * 0.8 + 0.30 * 0.3 + 0.25 * 1.0 + 0.15 * 0.4 == pytest.approx(icp_fit(lead, CAMPAIGN))


@pytest.mark.parametrize(
    "title, expected",
    [("cmo", 1.0), ("VP Marketing EMEA", 0.8), ("Accountant", 0.3), ("", 0.3)],
)
def test_l33_title_exact_partial_or_none(title, expected):
    """Title: 1 exact target role, 0.8 partial, 0.3 no match."""
    assert expected == title_fit(title, ["VP Marketing", "Head of Growth", "CMO"])


def test_l33_title_without_target_roles_is_060():
    """A campaign without target roles gives the title factor 0.6."""
    assert 0.6 == title_fit("Accountant", [])


@pytest.mark.parametrize(
    "title, expected",
    [
        ("CEO", 1.0),
        ("Co-Founder", 1.0),
        ("VP Sales", 0.95),
        ("President", 0.95),
        ("Chief Executive Officer", 0.95),
        ("Head of Growth", 0.9),
        ("Marketing Manager", 0.7),
        ("Senior Marketing Manager", 0.7),
        ("Team Lead", 0.65),
        ("Senior Analyst", 0.6),
        ("Analyst", 0.5),
    ],
)
def test_l33_seniority_first_keyword_in_list_order(title, expected):
    """Seniority: the first keyword of the list found in the lower-cased title."""
    assert expected == seniority_score(title)


def test_l33_signals_add_up_and_cap_at_one():
    """Signals: 0.5 base, job change 0.25, funded 0.15, ...; capped at 1."""
    assert 0.5 == signals_score(LeadSnapshot())
    assert 0.9 == pytest.approx(signals_score(LeadSnapshot(job_change=True, funded=True)))
    assert 1.0 == signals_score(LeadSnapshot(**ALL_SIGNALS))


def test_l33_opportunity_weights():
    """0.35 title + 0.25 seniority + 0.40 signals."""
    lead = LeadSnapshot(title="VP Marketing")
    assert 0.35 * 1.0 + 0.25 * 0.95 + 0.40 * 0.5 == pytest.approx(opportunity(lead, CAMPAIGN))


def test_q15_director_scores_as_cto():
    """Q-15: "director" contains "cto", so a director has seniority 1.0, not 0.9."""
    assert 1.0 == seniority_score("Director of Marketing")


def test_q15_coordinator_scores_as_coo():
    """Q-15: "coordinator" contains "coo", so a coordinator has seniority 1.0."""
    assert 1.0 == seniority_score("Marketing Coordinator")


@pytest.mark.parametrize(
    "score, tier",
    [(0.95, "HOT"), (0.85, "HOT"), (0.8499, "WARM"), (0.65, "WARM"), (0.40, "COOL"), (0.3999, "COLD")],
)
def test_l34_tier_thresholds(score, tier):
    """HOT >= 0.85, WARM >= 0.65, COOL >= 0.40, else COLD."""
    assert tier == tier_for(score)


@freeze_time("2026-01-15T10:00:00Z")
def test_l34_score_lead_writes_mean_tier_tag_and_enriched(session):
    """lead_score = mean(ICP, opportunity); the tier is tagged once, upper case; status ENRICHED."""
    row = create_campaign_row(session, CAMPAIGN)
    lead = insert_lead(session, row.id, PERFECT)
    score_lead(session, lead, CAMPAIGN)
    score_lead(session, lead, CAMPAIGN)
    assert (lead.icp_fit + lead.opportunity) / 2 == lead.lead_score
    assert 0.99375 == pytest.approx(lead.lead_score)
    assert "HOT" == lead.tier
    assert ["HOT"] == lead_tags(lead)
    assert "ENRICHED" == lead.status


@freeze_time("2026-01-15T10:00:00Z")
def test_q16_batch_scoring_tops_out_at_068_and_never_qualifies(session):
    """Q-16: batch scoring ignores targets: ICP 0.5, title 0.6, best score 0.68 < 0.70."""
    best = PERFECT.model_copy(update={"title": "CEO"})  # seniority 1.0, every signal
    row = create_campaign_row(session, CAMPAIGN)
    lead = insert_lead(session, row.id, best)
    score_leads_batch(session, [lead])
    assert 0.5 == pytest.approx(lead.icp_fit)
    assert 0.86 == pytest.approx(lead.opportunity)
    assert 0.68 == pytest.approx(lead.lead_score)
    assert ("REJECTED", "LOW_ICP_FIT", None) == qualify(best, lead.lead_score, CAMPAIGN)
    assert [] == batch_campaign().targets.target_roles
