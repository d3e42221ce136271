"""Production: creatives and calendar (spec section 3: L-10..L-13, Q-05, Q-06)."""
from __future__ import annotations

from datetime import date

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from aicmo.domain import ChannelSplit, ClientIntake, Kpi, Pillar, StrategyDoc
from backend.db.models import CreativeAssetRow
from backend.generators.calendar_generator import generate_calendar
from backend.generators.creative_generator import generate_creatives, make_hook

pytestmark = [pytest.mark.usefixtures("legacy_env"), pytest.mark.legacy_internals("production", "domain")]

LONG_DESCRIPTION = (
    "Show busy dentists how Acme turns missed recalls into booked appointments with proof "
    "drawn from real clinics."
)


def _strategy(descriptions=(LONG_DESCRIPTION, "Short one.", "Another short one.")) -> StrategyDoc:
    return StrategyDoc(
        executive_summary="Acme will grow qualified leads among dentists in the UK within ninety days.",
        situation_analysis="Acme sells aligners.",
        strategy_narrative="Lead with outcomes.",
        pillars=[
            Pillar(name=f"Pillar {i}", description=d, kpi_impact="Lift 15%")
            for i, d in enumerate(descriptions, start=1)
        ],
        kpis=[Kpi(name="Leads", target="200", unit="leads", timeframe_days=90)],
        channels=[ChannelSplit(name="search", budget_pct=100)],
        timeline="90 days",
    )


def _brief(**overrides):
    return ClientIntake.from_request({"brand": "Acme", "offers": [], **overrides}).to_brief()


# --- L-10 -------------------------------------------------------------------------------


def test_l10_nine_variants_three_platforms_by_three_pillars():
    """3 platforms × 3 pillars = 9 variants."""
    variants = generate_creatives(_brief(), _strategy())
    expected = [(p, i) for p in ("Instagram", "LinkedIn", "Twitter") for i in (0, 1, 2)]
    assert expected == [(v.platform, v.pillar_index) for v in variants]


def test_l10_formats_by_platform_and_pillar():
    """Instagram reel for pillar 1 else static_post; LinkedIn post; Twitter thread."""
    variants = generate_creatives(_brief(), _strategy())
    expected = ["reel", "static_post", "static_post", "post", "post", "post", "thread", "thread", "thread"]
    assert expected == [v.format for v in variants]


def test_l10_cta_by_pillar_index():
    """CTA by pillar index: Learn more, Get started, See how it works."""
    variants = generate_creatives(_brief(), _strategy())
    assert ["Learn more", "Get started", "See how it works"] * 3 == [v.cta for v in variants]


def test_l10_tone_by_platform():
    """Tone: friendly on Instagram, professional on LinkedIn, bold on Twitter."""
    variants = generate_creatives(_brief(), _strategy())
    assert ["friendly"] * 3 + ["professional"] * 3 + ["bold"] * 3 == [v.tone for v in variants]


def test_l10_produce_creatives_stores_nine_creative_assets_rows(make_project):
    """Production stores the nine variants as creative_assets rows, DRAFT, revision 0, positions 0..8."""
    project = make_project()
    rows = list(project.session.scalars(select(CreativeAssetRow).order_by(CreativeAssetRow.position)))
    assert list(range(9)) == [r.position for r in rows]
    assert {("DRAFT", 0)} == {(r.status, r.revision) for r in rows}
    assert {project.campaign.id} == {r.campaign_id for r in rows}


# --- L-11 / Q-05 ------------------------------------------------------------------------


def test_l11_hook_is_pillar_name_and_first_80_characters_of_the_description():
    """Hook = name + ': ' + description[:80] + '...'."""
    variants = generate_creatives(_brief(), _strategy())
    assert "Pillar 1: " + LONG_DESCRIPTION[:80] + "..." == variants[0].hook
    assert 80 == len(variants[0].hook) - len("Pillar 1: ") - len("...")


def test_q05_ellipsis_is_added_to_a_short_description():
    """The '...' is added even when the description is shorter than 80 characters."""
    assert "Pillar 2: Short one...." == make_hook("Pillar 2", "Short one.")


# --- L-12 -------------------------------------------------------------------------------


def test_l12_caption_is_the_provider_text(fake_llm):
    """The caption is the provider's text; the provider gets the platform's tone, the pillar and the CTA."""
    provider = fake_llm({"caption": lambda ctx: f"A caption about {ctx['pillar']['name']} for {ctx['platform']}."})
    variants = generate_creatives(_brief(), _strategy())
    assert "A caption about Pillar 1 for Instagram." == variants[0].caption
    task, prompt, context = provider.calls_for("caption")[0]
    assert "Write a friendly Instagram caption about 'Pillar 1' ending with 'Learn more'." == prompt
    assert ("Acme", "Learn more") == (context["brand_name"], context["cta"])
    assert 9 == len(provider.calls_for("caption"))


def test_l12_caption_under_20_characters_is_replaced(fake_llm):
    """A 19-character caption becomes '<brand> — <pillar name>. <cta>.'; a 20-character one is kept."""
    fake_llm({"caption": "x" * 19}, fallback=False)
    short = generate_creatives(_brief(), _strategy())
    fake_llm({"caption": "y" * 20}, fallback=False)
    kept = generate_creatives(_brief(), _strategy())
    assert "Acme — Pillar 1. Learn more." == short[0].caption
    assert "Acme — Pillar 3. See how it works." == short[8].caption
    assert "y" * 20 == kept[0].caption


# --- L-13 / Q-06 ------------------------------------------------------------------------


@pytest.mark.parametrize("pack, days", [("quick_social", 30), ("strategy_campaign", 7), ("full_funnel", 7)])
def test_l13_calendar_length_by_pack(pack, days):
    """The quick_social calendar has 30 days, the other packs 7."""
    assert days == len(generate_calendar(pack, _strategy()))


def test_l13_themes_then_content():
    """Days 1-7 take the seven themes in order, every later day 'Content'."""
    items = generate_calendar("quick_social", _strategy())
    expected = ["Education", "Social proof", "Behind the scenes", "Offer", "Community", "FAQ", "Story"]
    assert expected + ["Content"] * 23 == [i.theme for i in items]


def test_l13_platform_and_cta_rotation():
    """Platforms rotate Instagram, LinkedIn, Twitter; the CTA rotates over 7 CTAs."""
    items = generate_calendar("quick_social", _strategy())
    assert ["Instagram", "LinkedIn", "Twitter"] * 10 == [i.platform for i in items]
    ctas = [i.cta for i in items]
    assert 7 == len(set(ctas))
    assert ctas[:7] == ctas[7:14] == ctas[14:21] == ctas[21:28]
    assert ["Learn more", "Get started", "See how it works"] == ctas[:3]


@freeze_time("2026-01-15T10:00:00Z")
def test_l13_calendar_starts_today_with_one_day_per_item():
    """Day 1 is today (2026-01-15) and day 7 is 2026-01-21."""
    items = generate_calendar("strategy_campaign", _strategy())
    assert [1, 2, 3, 4, 5, 6, 7] == [i.day for i in items]
    assert (date(2026, 1, 15), date(2026, 1, 21)) == (items[0].date, items[6].date)


def test_q06_thirty_day_calendar_has_24_days_with_the_day_7_hook():
    """From day 7 on every day repeats the day-7 hook: 24 of 30 days, 80%."""
    items = generate_calendar("quick_social", _strategy())
    day7 = items[6].hook
    assert "Story: Pillar 1" == day7
    assert 24 == sum(1 for i in items if i.hook == day7)
    assert list(range(7, 31)) == [i.day for i in items if i.hook == day7]
    assert 7 == len({i.hook for i in items})


def test_q06_seven_day_calendar_has_distinct_hooks():
    """A 7-day calendar has seven different hooks."""
    assert 7 == len({i.hook for i in generate_calendar("strategy_campaign", _strategy())})
