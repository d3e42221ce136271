"""Production (spec section 3): creatives, hooks, captions, the calendar, creative rows."""
from __future__ import annotations

import pytest

from aicmo.domain import ClientIntake
from backend.generators import calendar_generator, creative_generator
from backend.services.production import (
    creatives_for,
    produce_calendar,
    produce_creatives,
    to_variant,
)
from backend.services.strategy import draft_strategy
from tests.characterization import corpus
from tests.characterization.builders import build_project

pytestmark = [pytest.mark.aicmo_evidence(module="production", suite="characterization"), pytest.mark.legacy_internals("onboarding", "strategy", "production", "domain")]

PRODUCTION_INTAKES = [
    "complete_uk_strategy_sales", "quick_social_us_engagement", "alias_brand_audience_goal", "long_descriptions",
    "short_pillar_text_uk", "no_outcomes_padded_pillars", "unicode_brand", "stock_phrase_offers", "no_offers_no_timeline",
]


def _brief_and_strategy(intake_id: str):
    brief = ClientIntake.from_request(corpus.intake(intake_id)).to_brief()
    return brief, draft_strategy(brief)[0]


@pytest.mark.parametrize("intake_id", PRODUCTION_INTAKES)
def test_nine_creatives_per_intake(intake_id, snapshot_json):
    """L-10 platforms x pillars, formats, CTAs, tones; L-11/Q-05 hooks; L-12 template captions."""
    brief, strategy = _brief_and_strategy(intake_id)
    assert snapshot_json == creative_generator.generate_creatives(brief, strategy)


def test_the_hook_always_ends_with_an_ellipsis(snapshot_json):
    """Q-05: 80 characters of description then "...", even when nothing was cut."""
    cases = {n: creative_generator.make_hook("Pillar", "d" * n) for n in (0, 1, 79, 80, 81, 200)}
    assert snapshot_json == cases


@pytest.mark.parametrize("caption", ["", "x" * 19, "x" * 20, "A caption from the provider that is long enough."])
def test_a_short_provider_caption_is_replaced(caption, fake_providers, snapshot_json):
    """L-12: a caption under 20 characters becomes "<brand> — <pillar>. <cta>."; prompts recorded."""
    fake_providers.llm.script("caption", caption)
    brief, strategy = _brief_and_strategy("complete_uk_strategy_sales")
    fake_providers.llm.script("strategy", "")
    variants = creative_generator.generate_creatives(brief, strategy)
    assert snapshot_json == {
        "captions": [v.caption for v in variants],
        "prompts": [c.args["prompt"] for c in fake_providers.llm.calls if c.args["task"] == "caption"],
    }


@pytest.mark.parametrize("answer", ["", "Too short", "A rewritten caption, free of clichés and claims."])
def test_the_rewrite_of_a_caption(answer, fake_providers, snapshot_json):
    """L-18b: the provider's rewrite, or the fallback caption when it is under 20 characters."""
    brief, strategy = _brief_and_strategy("complete_uk_strategy_sales")
    fake_providers.llm.script("rewrite", answer)
    variant = creative_generator.generate_creatives(brief, strategy)[4]
    assert snapshot_json == {
        "caption": creative_generator.rewrite_caption(brief, variant),
        "prompt": fake_providers.llm.calls[-1].args,
    }


def test_the_template_rewrite(snapshot_json):
    """The template provider's rewrite names brand, customer, pillar and CTA."""
    brief, strategy = _brief_and_strategy("complete_uk_strategy_sales")
    variants = creative_generator.generate_creatives(brief, strategy)
    assert snapshot_json == [creative_generator.rewrite_caption(brief, v) for v in variants]


@pytest.mark.parametrize("pack", ["quick_social", "strategy_campaign", "full_funnel", "unknown"])
def test_the_calendar_of_each_pack(pack, snapshot_json):
    """L-13: 30 days for quick_social else 7; themes, platform and CTA rotation; Q-06 repeated hooks."""
    _, strategy = _brief_and_strategy("complete_uk_strategy_sales")
    items = calendar_generator.generate_calendar(pack, strategy)
    assert snapshot_json == {
        "items": items,
        "rendered": calendar_generator.render_calendar(items),
        "csv": calendar_generator.calendar_csv(items),
        "distinct_hooks": len({i.hook for i in items}),
    }


def test_producing_creatives_writes_nine_rows(legacy_session, db_effects, snapshot_json):
    """Production writes nine DRAFT creative_assets rows, read back in position order."""
    brief, strategy = _brief_and_strategy("complete_eu_full_funnel_leads")
    from backend.services.onboarding import create_client

    campaign = create_client(legacy_session, ClientIntake.from_request(corpus.intake("complete_eu_full_funnel_leads")))
    rows, effects = db_effects(lambda: produce_creatives(legacy_session, campaign, brief, strategy), legacy_session)
    assert [r.id for r in rows] == [r.id for r in creatives_for(legacy_session, campaign.id)]
    assert [to_variant(r) for r in rows] == creative_generator.generate_creatives(brief, strategy)
    assert snapshot_json == {"effects": effects, "calendar_days": len(produce_calendar("full_funnel", strategy))}


def test_a_project_built_like_the_operator_flow(legacy_session, snapshot_json):
    """The builder used by the later modules: creative ids and calendar of one project."""
    project = build_project(legacy_session, "quick_social_in_sales")
    assert snapshot_json == {"creatives": project.creatives, "calendar": project.calendar}


def test_a_creative_s_text_is_its_hook_over_its_caption():
    """Legacy's CreativeVariant.text: the hook, a newline, the caption (the CTA left out)."""
    from aicmo.domain.creative import CreativeVariant

    fields = {name: (0 if name == "pillar_index" else f"<{name}>") for name in CreativeVariant.model_fields}
    assert "<hook>\n<caption>" == CreativeVariant(**fields).text
