"""Production boundaries and partitions (spec section 3): hooks, captions, creatives, calendar.

Grids come from the spec's numbers in spec_rules/production.py: description lengths around
HOOK_DESCRIPTION_CHARS, captions around MIN_CAPTION_LENGTH, calendar days around day 7 and
the pack lengths. Every creative and every calendar row, rendered text and CSV is pinned whole.
"""
from __future__ import annotations

from typing import Any

import pytest

from aicmo.domain import ClientIntake, Kpi, Pillar, StrategyDoc
from backend.generators import calendar_generator, creative_generator
from backend.services.onboarding import create_client
from backend.services.production import creatives_for, produce_calendar, produce_creatives, to_variant
from tests.characterization.spec_rules import production as spec
from tests.characterization.spec_rules.onboarding import PACKS

pytestmark = [pytest.mark.aicmo_evidence(module="production", suite="characterization"), pytest.mark.legacy_internals("onboarding", "production", "domain")]

HOOK = spec.HOOK_DESCRIPTION_CHARS
CAPTION = spec.MIN_CAPTION_LENGTH


def _brief(**changes: Any) -> dict[str, Any]:
    request = {
        "brand_name": "Harbour Lights", "industry": "Bakery", "geography": "UK", "product_service": "Sourdough",
        "offers": ["First loaf free", "Office boxes"], "target_audiences": ["Office managers"],
        "pain_points": ["Stale bread"], "desired_outcomes": ["More subscriptions"], "primary_goal": "sales",
    }
    return ClientIntake.from_request(request | changes).to_brief()


def _strategy(names: list[str], descriptions: list[str]) -> StrategyDoc:
    return StrategyDoc(
        executive_summary="S" * 60, situation_analysis="Situation.", strategy_narrative="Narrative.",
        pillars=[Pillar(name=n, description=d, kpi_impact="Lift") for n, d in zip(names, descriptions)],
        kpis=[Kpi(name="Reach", target="1", unit="k", timeframe_days=30)], channels=[], timeline="Now.",
    )


def _description(length: int) -> str:
    """A readable description of exactly `length` characters."""
    text = ("Fresh sourdough delivered to every office before nine, baked overnight by hand. " * 4)[:length]
    assert len(text) == length
    return text


def test_the_spec_constants_are_legacy_constants():
    """L-10..L-13/Q-06: platforms, CTAs, tones, hook and caption lengths, themes, calendar rotations."""
    assert tuple(creative_generator.PLATFORMS) == spec.PLATFORMS
    assert tuple(creative_generator.PILLAR_CTAS) == spec.PILLAR_CTAS
    assert creative_generator.TONES == spec.TONES
    assert creative_generator.HOOK_DESCRIPTION_CHARS == spec.HOOK_DESCRIPTION_CHARS
    assert creative_generator.MIN_CAPTION_LENGTH == spec.MIN_CAPTION_LENGTH
    assert tuple(calendar_generator.THEMES) == spec.THEMES
    assert calendar_generator.LATER_THEME == spec.LATER_THEME
    assert tuple(calendar_generator.PLATFORMS) == spec.CALENDAR_PLATFORMS
    assert len(calendar_generator.CTAS) == spec.CALENDAR_CTA_COUNT
    assert len(spec.THEMES) == spec.HOOK_REPEATS_FROM_DAY


def test_the_hook_length_boundary(snapshot_json):
    """L-11/Q-05: the first 80 code points (a combining accent can be cut off), then "..." whether or not anything was cut."""
    descriptions = {str(n): _description(n) for n in (0, 1, HOOK - 1, HOOK, HOOK + 1, 2 * HOOK)}
    descriptions |= {
        "emoji, limit+1": "☕" * (HOOK + 1),
        "accents, limit": "é" * HOOK,
        "combining accent split at the limit": "e" * (HOOK - 1) + "e\u0301",
        "trailing spaces at the cut": "x" * (HOOK - 2) + "    more",
        "already ends with an ellipsis": "Short text...",
        "newline inside": "Line one\nLine two",
    }
    table = {name: creative_generator.make_hook("Fresh Bread", d) for name, d in descriptions.items()}
    assert table[str(HOOK)] == f"Fresh Bread: {_description(HOOK)}{spec.HOOK_ELLIPSIS}"  # nothing cut at the limit
    assert table[str(HOOK + 1)] == f"Fresh Bread: {_description(HOOK)}{spec.HOOK_ELLIPSIS}"
    names = {"empty name": "", "padded name": "  Fresh  ", "unicode name": "Brød ☕"}
    table |= {name: creative_generator.make_hook(n, "Desc") for name, n in names.items()}
    assert snapshot_json == table


def test_nine_creatives_with_descriptions_around_the_hook_limit(snapshot_json):
    """L-10 formats, CTAs, tones by pillar and platform; L-11 hooks of descriptions limit-1, limit, limit+1."""
    strategy = _strategy(["Freshness", "Convenience", "Community"], [_description(n) for n in (HOOK - 1, HOOK, HOOK + 1)])
    creatives = creative_generator.generate_creatives(_brief(), strategy)
    assert len(creatives) == spec.CREATIVES_PER_PROJECT
    assert snapshot_json == creatives


def test_the_caption_length_boundary(fake_providers, snapshot_json):
    """L-12: a provider caption of MIN_CAPTION_LENGTH characters is kept, one less is replaced; spaces count."""
    candidates = {str(n): "c" * n for n in (0, 1, CAPTION - 1, CAPTION, CAPTION + 1)}
    candidates |= {
        "padded to the minimum": "  " + "c" * (CAPTION - 3) + " ",
        "spaces only, minimum": " " * CAPTION,
        "spaces only, minimum-1": " " * (CAPTION - 1),
        "emoji, minimum-1": "☕" * (CAPTION - 1),
        "emoji, minimum": "☕" * CAPTION,
        "newline padded to the minimum": "c" * (CAPTION - 1) + "\n",
    }
    assert len(candidates["padded to the minimum"]) == CAPTION
    strategy = _strategy(["Freshness", "Convenience", "Community"], ["One.", "Two.", "Three."])
    table = {}
    for name, caption in candidates.items():
        fake_providers.llm.script("caption", caption)
        captions = [v.caption for v in creative_generator.generate_creatives(_brief(), strategy)]
        table[name] = captions[:3] if len(set(captions)) > 1 else captions[0]  # a kept caption is the same nine times
    table["prompts"] = [c.args["prompt"] for c in fake_providers.llm.calls[:9]]
    assert snapshot_json == table


def test_the_rewrite_length_boundary(fake_providers, snapshot_json):
    """L-18b/L-12: a rewrite under MIN_CAPTION_LENGTH characters becomes the fallback caption."""
    strategy = _strategy(["Freshness", "Convenience", "Community"], ["One.", "Two.", "Three."])
    variant = creative_generator.generate_creatives(_brief(), strategy)[5]
    table = {}
    for n in (0, CAPTION - 1, CAPTION, CAPTION + 1):
        fake_providers.llm.script("rewrite", "r" * n)
        table[str(n)] = creative_generator.rewrite_caption(_brief(), variant)
    table["prompt"] = fake_providers.llm.calls[-1].args
    assert snapshot_json == table


def test_captions_over_every_offers_list(snapshot_json):
    """L-12: the template caption takes offer (pillar index mod number of offers); empty offers are left out."""
    strategy = _strategy(["Freshness", "Convenience", "Community"], ["Baked at dawn.", "At your desk.", "Local grain."])
    offers = {
        "none": [], "one": ["Only offer"], "two": ["First", "Second"], "three": ["A", "B", "C"],
        "four": ["A", "B", "C", "D"], "duplicates": ["Same", "Same", "Other"], "empty strings": ["", "Second", ""],
        "padded": ["  Padded  ", "Second"], "unicode": ["Brød gratis ☕", "東京"],
    }
    table = {}
    for name, given in offers.items():
        creatives = creative_generator.generate_creatives(_brief(offers=given), strategy)
        table[name] = [c.caption for c in creatives]
    assert snapshot_json == table


def test_the_calendar_length_of_every_pack_name(snapshot_json):
    """L-13: 30 days only for exactly "quick_social"; cased, padded or unknown packs get 7."""
    packs = [*PACKS, "QUICK_SOCIAL", "Quick_Social", " quick_social", "quick_social ", "quick-social", "", None]
    table = {repr(p): calendar_generator.calendar_days(p) for p in packs}
    assert table[repr(spec.QUICK_SOCIAL_PACK)] == spec.QUICK_SOCIAL_DAYS
    assert snapshot_json == table


def _calendar_view(items: list[Any]) -> dict[str, Any]:
    return {
        "items": items,
        "rendered": calendar_generator.render_calendar(items),
        "csv": calendar_generator.calendar_csv(items),
    }


@pytest.mark.fixed_clock("2028-02-20T23:59:59.999999Z")
def test_the_calendar_around_day_seven_and_across_a_leap_day(snapshot_json):
    """L-13 themes to day 7 then "Content", rotations; Q-06 the day-7 hook repeats; dates over 29 February."""
    names = ['Fresh, "warm" bread', "Office\nbreakfast", "Brød ☕"]
    strategy = _strategy(names, ["a", "b", "c"])
    table = {}
    for pack in PACKS:
        items = produce_calendar(pack, strategy)
        day = {item.day: item for item in items}
        last_theme_day = spec.HOOK_REPEATS_FROM_DAY
        assert day[last_theme_day].theme == spec.THEMES[-1]
        if last_theme_day + 1 in day:
            assert day[last_theme_day + 1].theme == spec.LATER_THEME
            assert day[last_theme_day + 1].hook == day[last_theme_day].hook
        table[pack] = _calendar_view(items)
    assert len(table[spec.QUICK_SOCIAL_PACK]["items"]) == spec.QUICK_SOCIAL_DAYS
    assert snapshot_json == table


@pytest.mark.fixed_clock("2026-12-31T23:59:59.5Z")
def test_the_calendar_of_padded_pillars_across_a_year_end(snapshot_json):
    """L-13: a calendar over fallback-padded pillars starting on 31 December, rendered and as CSV."""
    strategy = _strategy(["Growth Pillar 1", "Growth Pillar 2", "Growth Pillar 3"], ["x", "y", "z"])
    assert snapshot_json == _calendar_view(calendar_generator.generate_calendar("full_funnel", strategy))


@pytest.mark.fixed_clock("2026-05-31T23:59:59.123456Z")
def test_producing_creatives_writes_whole_rows(legacy_session, db_effects, snapshot_json):
    """L-10: nine DRAFT rows, every column, at a fractional instant; read back in position order."""
    brief = _brief(brand_name="Brød & Café ☕", offers=["", "Gratis"])
    strategy = _strategy(["Freshness", "Freshness", "Community"], [_description(HOOK + 1), "", "Local."])
    campaign = create_client(legacy_session, ClientIntake.from_request({"brand_name": brief["brand_name"]}))
    rows, effects = db_effects(lambda: produce_creatives(legacy_session, campaign, brief, strategy), legacy_session)
    read_back = creatives_for(legacy_session, campaign.id)
    assert [r.position for r in read_back] == list(range(spec.CREATIVES_PER_PROJECT))
    assert [to_variant(r) for r in read_back] == creative_generator.generate_creatives(brief, strategy)
    assert creatives_for(legacy_session, "no-such-campaign") == []
    # the returned rows as the caller holds them (aware UTC instants), then what the table stored
    assert snapshot_json == {"returned": rows, "effects": effects}


def test_what_each_provider_call_is_given(fake_providers, snapshot_json):
    """L-12/L-18b: the task, prompt and whole context a provider receives for captions and rewrites."""
    seen: list[dict[str, Any]] = []

    def recording(task: str):
        def answer(prompt: str, context: dict[str, Any]) -> str:
            seen.append({"task": task, "prompt": prompt, "context": context})
            return f"A long enough answer for {task}."
        return answer

    fake_providers.llm.script("caption", recording("caption"))
    fake_providers.llm.script("rewrite", recording("rewrite"))
    brief = _brief(offers=["First loaf free"], target_audiences=[], primary_customer=None)
    strategy = _strategy(["Freshness", "Convenience", "Community"], ["One.", "Two.", "Three."])
    creatives = creative_generator.generate_creatives(brief, strategy)
    creative_generator.rewrite_caption(brief, creatives[4])
    assert snapshot_json == seen


def test_producing_twice_for_one_project(legacy_session, snapshot_json):
    """L-10: production run twice on one project (a new strategy) keeps both sets, read back by position only."""
    brief = _brief()
    campaign = create_client(legacy_session, ClientIntake.from_request({"brand_name": brief["brand_name"]}))
    first = produce_creatives(legacy_session, campaign, brief, _strategy(["Old A", "Old B", "Old C"], ["a", "b", "c"]))
    second = produce_creatives(legacy_session, campaign, brief, _strategy(["New A", "New B", "New C"], ["a", "b", "c"]))
    read_back = creatives_for(legacy_session, campaign.id)
    assert {r.id for r in read_back} == {r.id for r in first + second}
    # rows of one position come in the database's order, which legacy does not fix: pin them as a set
    by_position = {p: sorted(f"{r.platform} {r.pillar_name}" for r in read_back if r.position == p) for p in range(9)}
    assert snapshot_json == {"positions": [r.position for r in read_back], "by_position": by_position}
