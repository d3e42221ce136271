"""Differential: production's new rules give legacy's creatives, captions and calendars on generated strategies."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aicmo.production.internal.rules.calendar import calendar_csv as new_csv
from aicmo.production.internal.rules.calendar import calendar_for, render_calendar as new_render
from aicmo.production.internal.rules.creatives import creative_drafts, or_fallback, rewrite_request
from backend.generators import calendar_generator, creative_generator

pytestmark = pytest.mark.legacy_internals("production")

RULES = settings(max_examples=200, derandomize=True, database=None, deadline=None)
words = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120)
pillars = st.lists(st.fixed_dictionaries({"name": words, "description": words, "kpi_impact": words}), min_size=1, max_size=4)
briefs = st.fixed_dictionaries({
    "brand_name": words,
    "primary_customer": words,
    "offers": st.lists(words, max_size=3),
})
# answers of the provider: empty, short (the fallback), long enough
answers = st.lists(st.one_of(st.just(""), st.text(max_size=19), st.text(min_size=20, max_size=60)), min_size=20, max_size=20)


class Scripted:
    """A provider answering from a script, recording what it was asked."""

    def __init__(self, script: list[str]) -> None:
        self.script, self.asked = list(script), []

    def complete(self, task, prompt, context=None):
        self.asked.append((task, prompt, dict(context or {})))
        return self.script[len(self.asked) - 1]


def _legacy_pillar(p):
    return SimpleNamespace(name=p["name"], description=p["description"], model_dump=lambda: dict(p))


@RULES
@given(brief=briefs, pillars=pillars, script=answers)
def test_creatives_and_their_captions_equal_legacy(monkeypatch_session, brief, pillars, script):
    """The same variants in the same order, the provider asked the same things, the same fallbacks (L-10..L-12, Q-05)."""
    legacy_provider, new_provider = Scripted(script), Scripted(script)
    monkeypatch_session.setattr(creative_generator, "get_llm_client", lambda: legacy_provider)
    legacy = creative_generator.generate_creatives(brief, SimpleNamespace(pillars=[_legacy_pillar(p) for p in pillars]))
    drafts = creative_drafts(brief, pillars)
    new = []
    for draft in drafts:
        request = draft.caption_request
        caption = or_fallback(new_provider.complete(request.task, request.prompt, request.context), brief["brand_name"],
                              draft.pillar_name, draft.cta)
        new.append({"platform": draft.platform, "format": draft.format, "pillar_index": draft.pillar_index,
                    "pillar_name": draft.pillar_name, "hook": draft.hook, "caption": caption, "cta": draft.cta,
                    "tone": draft.tone})
    assert [v.model_dump() for v in legacy] == new
    assert legacy_provider.asked == new_provider.asked


@RULES
@given(brief=briefs, pillar=pillars.map(lambda ps: ps[0]), caption=words, platform=st.sampled_from(["Instagram", "LinkedIn", "Twitter"]),
       answer=answers.map(lambda a: a[0]))
def test_a_rewrite_equals_legacy(monkeypatch_session, brief, pillar, caption, platform, answer):
    """L-18b: the same rewrite prompt and context, the same fallback."""
    legacy_provider, new_provider = Scripted([answer]), Scripted([answer])
    monkeypatch_session.setattr(creative_generator, "get_llm_client", lambda: legacy_provider)
    variant = SimpleNamespace(platform=platform, caption=caption, pillar_name=pillar["name"], cta="Learn more")
    legacy = creative_generator.rewrite_caption(brief, variant)
    request = rewrite_request(brief, platform, pillar["name"], "Learn more", caption)
    new = or_fallback(new_provider.complete(request.task, request.prompt, request.context), brief["brand_name"],
                      pillar["name"], "Learn more")
    assert (legacy, legacy_provider.asked) == (new, new_provider.asked)


@RULES
@given(pack=st.sampled_from(["quick_social", "full_funnel", "strategy_campaign", ""]), names=st.lists(words, min_size=1, max_size=5),
       start=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 1, 1)))
def test_calendars_equal_legacy(monkeypatch_session, pack, names, start):
    """L-13 and Q-06: the same days, rendering and CSV from the same start date."""
    monkeypatch_session.setattr(calendar_generator, "date", SimpleNamespace(today=lambda: start))
    legacy = calendar_generator.generate_calendar(pack, SimpleNamespace(pillars=[SimpleNamespace(name=n) for n in names]))
    new = calendar_for(pack, names, start)
    assert [i.model_dump() for i in legacy] == [{"day": d.day, "date": d.date, "platform": d.platform, "theme": d.theme,
                                                 "hook": d.hook, "cta": d.cta} for d in new]
    assert (calendar_generator.render_calendar(legacy), calendar_generator.calendar_csv(legacy)) == (new_render(new), new_csv(new))


@pytest.fixture(scope="module")
def monkeypatch_session():
    """One monkeypatch for every example of a hypothesis test (function-scoped fixtures are not reset between them)."""
    with pytest.MonkeyPatch.context() as patch:
        yield patch
