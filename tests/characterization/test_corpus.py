"""The corpus is as broad as the characterization promises."""
from __future__ import annotations

import pytest

from tests.characterization import corpus

pytestmark = pytest.mark.legacy_internals("cam")


def test_the_corpus_has_the_promised_size():
    """At least 20 intakes, 60 leads, 20 replies and 10 metric series."""
    assert len(corpus.intakes()) >= 20
    assert len(corpus.leads()) >= 60
    assert len(corpus.replies()) >= 20
    assert len(corpus.metric_series()) >= 10


def test_the_intakes_cover_every_pack_and_tax_geography():
    """Every pack and every tax geography (UK, EU, IN, other) appears."""
    packs = {item["data"].get("pack", "strategy_campaign") for item in corpus.intakes()}
    geographies = {(item["data"].get("geography") or "").strip().upper() for item in corpus.intakes()}
    assert {"quick_social", "strategy_campaign", "full_funnel"} <= packs
    assert {"UK", "EU", "IN"} <= geographies and geographies - {"UK", "EU", "IN"}


def test_the_leads_cover_every_seniority_keyword():
    """Each keyword of L-33 occurs in some lower-cased title."""
    from backend.services.cam.scoring import SENIORITY_KEYWORDS

    titles = [lead.title.lower() for lead in corpus.leads()]
    assert [] == [k for k, _ in SENIORITY_KEYWORDS if not any(k in t for t in titles)]
