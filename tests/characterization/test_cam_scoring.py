"""CAM scoring (spec section 10): ICP fit, opportunity, lead score, tier, single and batch."""
from __future__ import annotations

import itertools

import pytest

from backend.services.cam import scoring
from backend.services.cam.campaigns import create_campaign_row, load_campaign
from backend.services.cam.leads_io import SIZE_BANDS, insert_lead
from tests.characterization import corpus

pytestmark = [pytest.mark.aicmo_evidence(module="cam", suite="characterization"), pytest.mark.legacy_internals("cam", "domain")]


def _scores(lead, campaign) -> str:
    icp, opp = scoring.icp_fit(lead, campaign), scoring.opportunity(lead, campaign)
    score = (icp + opp) / 2
    return f"icp={icp!r} opp={opp!r} score={score!r} tier={scoring.tier_for(score)}"


def test_single_scoring_of_every_lead_against_every_campaign(snapshot_json):
    """L-32..L-34 over the lead corpus and every corpus campaign."""
    table = {}
    for name, data in corpus.campaigns().items():
        campaign = load_campaign(data)
        table[name] = {f"{i:02d} {lead.email or '-'}": _scores(lead, campaign) for i, lead in enumerate(corpus.leads())}
    assert snapshot_json == table


def test_seniority_of_every_corpus_title(snapshot_json):
    """L-33/Q-15: the first keyword found as a substring decides ("director" hits "cto")."""
    titles = sorted({lead.title for lead in corpus.leads()})
    assert snapshot_json == {t or "-": scoring.seniority_score(t) for t in titles}


def test_the_fit_factor_grids(snapshot_json):
    """L-32 size, industry, revenue and location factors, each 0.5 when input or target is missing."""
    sizes = {f"{s} vs {t}": scoring.size_fit(s, t) for s, t in itertools.product(SIZE_BANDS + [None, "huge"], [["51-200"], ["1-10", "1000+"], [], ["bogus"]])}
    industries = {
        f"{i} vs {t}": scoring.industry_fit(i, t)
        for i, t in itertools.product(["Software", "enterprise software", "soft", "farming", "", None], [["software"], [" Software "], [], [""]])
    }
    revenues = {
        f"{r} vs {rng}": scoring.revenue_fit(r, rng)
        for r, rng in itertools.product([None, 0.0, 299999.0, 500000.0, 1e6, 5e7, 1e8, 2e8], [(1e6, 5e7), None])
    }
    locations = {
        f"{c}/{r} vs {cs}/{rs}": scoring.location_fit(c, r, cs, rs)
        for (c, r), (cs, rs) in itertools.product(
            [("US", "North America"), ("us", None), ("DE", "Europe"), ("BR", "South America"), (None, "europe"), (None, None)],
            [(["US", "UK"], ["North America", "Europe"]), ([], ["Europe"]), ([], [])],
        )
    }
    assert snapshot_json == {"size": sizes, "industry": industries, "revenue": revenues, "location": locations}


def test_title_fit_and_signal_grid(snapshot_json):
    """L-33: title exact/partial/miss/no roles; signals capped at 1."""
    roles = ["VP Marketing", "Head of Growth"]
    titles = {t or "-": (scoring.title_fit(t, roles), scoring.title_fit(t, [])) for t in ["VP Marketing", "vp marketing", "VP", "Senior VP Marketing EMEA", "Engineer", ""]}
    signals = {}
    from aicmo.domain import LeadSnapshot

    for bits in itertools.product((False, True), repeat=6):
        names = ["job_change", "funded", "hiring", "recent_activity", "decision_maker", "budget_authority"]
        lead = LeadSnapshot(**dict(zip(names, bits)))
        signals["".join("1" if b else "0" for b in bits)] = scoring.signals_score(lead)
    assert snapshot_json == {"titles": titles, "signals": signals}


def test_tier_thresholds(snapshot_json):
    """L-34: HOT >= 0.85, WARM >= 0.65, COOL >= 0.40, else COLD."""
    scores = [0.0, 0.3999, 0.4, 0.6499, 0.65, 0.8499, 0.85, 1.0]
    assert snapshot_json == {repr(s): scoring.tier_for(s) for s in scores}


def test_single_and_batch_scoring_write_the_lead(legacy_session, db_effects, snapshot_json):
    """L-34 writes scores, tier tag, ENRICHED; Q-16 batch ignores targets and tops out at 0.68."""
    campaign = load_campaign(None)
    row = create_campaign_row(legacy_session, campaign)
    leads = [insert_lead(legacy_session, row.id, lead) for lead in corpus.leads()]
    _, single = db_effects(lambda: [scoring.score_lead(legacy_session, lead, campaign) for lead in leads[:3]], legacy_session)
    batch_scores, batch = db_effects(lambda: scoring.score_leads_batch(legacy_session, leads), legacy_session)
    assert max(batch_scores) < 0.70
    assert snapshot_json == {
        "single": single,
        "batch_scores": {lead.email or "-": score for lead, score in zip(leads, batch_scores)},
        "batch_max": max(batch_scores),
        "batch_tables": sorted(batch),
    }
