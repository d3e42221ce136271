"""QC boundaries (spec section 4): genericity, clichés, document scores, creative findings, ruleset.

Every grid is built from the spec's numbers in spec_rules/qc.py and constructs texts that land
exactly on each boundary through the code path; where a boundary depends on a float, the
computed value is asserted to equal the boundary before the result is pinned.
"""
from __future__ import annotations

import itertools
from typing import Any

import pytest

from aicmo.domain import ClientIntake, Pillar, StrategyDoc
from backend.generators.calendar_generator import generate_calendar, render_calendar
from backend.services import qc_rules
from backend.services.onboarding import create_client
from backend.services.production import produce_calendar, produce_creatives
from backend.services.qc import evaluate_project, score_strategy_document
from backend.services.strategy import draft_strategy
from tests.characterization.spec_rules import qc as spec

pytestmark = [pytest.mark.aicmo_evidence(module="qc", suite="characterization"), pytest.mark.legacy_internals("onboarding", "strategy", "production", "qc", "domain")]

# four stock phrases whose tokens are all different, so hits can grow without repeating tokens
DISTINCT_STOCK = ["game changer", "best-in-class", "look no further", "one-stop shop"]
FILLER = [
    "bread", "flour", "oven", "crust", "dough", "loaf", "rye", "seed", "grain", "salt", "water", "yeast",
    "starter", "morning", "office", "desk", "basket", "crumb", "knead", "proof", "bake", "slice", "butter",
    "honey", "jam", "toast", "milk", "cream", "cheese", "olive", "tomato", "onion", "garlic", "herb", "pepper",
]


def _text(stock_phrases: list[str], distinct: int, repeats: int) -> str:
    """Stock phrases, `distinct` different filler words, then `repeats` more copies of the first one."""
    return " ".join(stock_phrases + FILLER[:distinct] + [FILLER[0]] * repeats)


def test_the_spec_constants_are_legacy_constants():
    """L-14..L-18: thresholds, word lists, section bounds, weights and the creative pass score."""
    assert qc_rules.GENERIC_THRESHOLD == spec.GENERIC_THRESHOLD
    assert len(qc_rules.STOCK_PHRASES) == spec.STOCK_PHRASE_COUNT
    assert set(spec.STOCK_PHRASE_EXAMPLES) <= set(qc_rules.STOCK_PHRASES)
    assert len(qc_rules.CLICHES) == spec.CLICHE_COUNT
    assert set(spec.CLICHE_EXAMPLES) <= set(qc_rules.CLICHES)
    assert qc_rules.DOC_PLACEHOLDERS == [p.lower() for p in spec.DOC_PLACEHOLDERS]
    assert qc_rules.SECTION_WORD_BOUNDS == spec.SECTION_WORD_BOUNDS
    assert tuple(qc_rules.BANNED_CLAIMS) == spec.BANNED_CLAIMS
    assert qc_rules.DUPLICATE_HOOK_SHARE == spec.DUPLICATE_HOOK_SHARE
    assert qc_rules.SEVERITY_WEIGHTS == spec.SEVERITY_WEIGHTS
    assert qc_rules.CREATIVE_PASS_SCORE == spec.CREATIVE_PASS_SCORE


def _generic(text: str) -> dict[str, Any]:
    return {
        "hits": qc_rules.stock_phrase_hits(text),
        "repeated_share": qc_rules.repeated_token_share(text),
        "genericity": qc_rules.genericity(text),
        "too_generic": qc_rules.genericity(text) >= spec.GENERIC_THRESHOLD,
    }


def _spec_genericity(hits: int, share: float) -> float:
    return spec.STOCK_WEIGHT * min(hits / spec.STOCK_HITS_CAP, 1) + spec.REPEAT_WEIGHT * share


def test_stock_phrase_hits_around_the_cap(snapshot_json):
    """L-14: hits up to the cap raise genericity, hits past it do not (min(hits/3, 1)); no repeated tokens."""
    cap = spec.STOCK_HITS_CAP
    table = {}
    for hits in range(0, cap + 3):
        text = _text(DISTINCT_STOCK[: min(hits, len(DISTINCT_STOCK))] + ["game changer"] * max(0, hits - len(DISTINCT_STOCK)), 3, 0)
        result = _generic(text)
        assert result["hits"] == hits
        table[f"{hits} hits"] = result
    for hits in (cap - 1, cap, cap + 1):
        assert table[f"{hits} hits"]["repeated_share"] == 0.0
        assert table[f"{hits} hits"]["genericity"] == _spec_genericity(hits, 0.0)
    assert snapshot_json == table


def test_genericity_exactly_at_the_threshold(snapshot_json):
    """L-14: one stock phrase and 7/18 repeated tokens make exactly 0.35 (too generic); 6/18 and 8/18 either side."""
    table = {}
    for total, repeats in [(18, 6), (18, 7), (18, 8), (36, 13), (36, 14), (36, 15), (54, 21)]:
        text = _text(["game changer"], total - 2 - repeats, repeats)
        result = _generic(text)
        assert result["hits"] == 1 and result["repeated_share"] == repeats / total
        table[f"1 hit, {repeats}/{total} repeated"] = result
    # 7/18 is the only share that reaches 0.35 with one hit; in binary floating point it lands exactly
    for key in ("1 hit, 7/18 repeated", "1 hit, 14/36 repeated", "1 hit, 21/54 repeated"):
        assert table[key]["genericity"] == spec.GENERIC_THRESHOLD
    assert snapshot_json == table


def test_how_texts_are_tokenised_and_matched(snapshot_json):
    """L-14: lower-cased [a-z0-9'] tokens (accents split words, hyphens split), stock phrases as exact substrings."""
    texts = {
        "empty": "",
        "punctuation only": "... !!! ---",
        "case does not matter": "Bread BREAD bread",
        "accents split tokens": "Café café cafe",
        "apostrophes kept": "today's todays today's",
        "hyphens split": "best-in-class best in class",
        "digits": "100 100 1000",
        "stock phrase upper case": "GAME CHANGER",
        "stock phrase with a curly apostrophe": "In today\u2019s fast-paced world",
        "stock phrase with a straight apostrophe": "In today's fast-paced world",
        "stock phrase hyphenated": "game-changer",
        "stock phrase across a line break": "game\nchanger",
        "stock phrase with a double space": "game  changer",
        "stock phrase twice": "game changer, game changer",
        "stock phrase inside a longer word": "endgame changers",
        "overlapping stock phrases": "at the end of the day one-stop shop",
        "every stock phrase": " ".join(qc_rules.STOCK_PHRASES),
    }
    assert snapshot_json == {name: _generic(text) for name, text in texts.items()}


def test_each_cliche_alone_in_every_case_and_inside_words(snapshot_json):
    """L-15: each of the twenty clichés as a case-insensitive substring, listed once, in list order."""
    table = {}
    for cliche in qc_rules.CLICHES:
        table[cliche] = {
            "plain": qc_rules.cliches_in(f"We {cliche} daily."),
            "upper": qc_rules.cliches_in(cliche.upper()),
            "title": qc_rules.cliches_in(cliche.title()),
            "inside a word": qc_rules.cliches_in(f"un{cliche}ed"),
            "twice": qc_rules.cliches_in(f"{cliche} and {cliche}"),
            "hyphen as space": qc_rules.cliches_in(cliche.replace("-", " ")),
            "space as hyphen": qc_rules.cliches_in(cliche.replace(" ", "-")),
        }
    several = {
        "text order differs from list order": "streamline, empower and leverage",
        "all twenty reversed": " ".join(reversed(qc_rules.CLICHES)),
        "none": "Fresh bread daily.",
        "words that contain clichés": "Leveraged disruption; robustness; seamlessly empowering; innovatively",
    }
    table["several"] = {name: qc_rules.cliches_in(text) for name, text in several.items()}
    assert snapshot_json == table


def _words(n: int, word: str = "bread") -> str:
    return " ".join([word] * n)


def _document(section: str, words: int, structure: bool = True, placeholders: int = 0, cliches: int = 0) -> str:
    """A section of exactly `words` words (the heading's three words included when structured)."""
    body = ["TBD"] * placeholders + list(qc_rules.CLICHES[:cliches])
    heading_words = 3 if structure else 0  # "#", "The" and the section name
    body += ["bread"] * (words - heading_words - len(body))
    text = f"# The {section}\n{' '.join(body)}\n" if structure else " ".join(body)
    assert len(text.split()) == words
    return text


def _score(text: str, section: str) -> str:
    result = qc_rules.score_document(text, section)
    return f"{result['score']} {result['status']} {sorted(result['deductions'].items())}"


def test_the_word_count_bounds_of_each_section(snapshot_json):
    """L-16: a section inside its bounds (both ends included) keeps 100; one word out on either side costs 10."""
    table = {}
    for section, (low, high) in spec.SECTION_WORD_BOUNDS.items():
        for words in (low - 1, low, low + 1, high - 1, high, high + 1):
            table[f"{section} {words} words"] = _score(_document(section, words), section)
        for other in spec.SECTION_WORD_BOUNDS:
            if other != section:  # the same text against another section's bounds
                table[f"{section} low bound scored as {other}"] = _score(_document(section, low), other)
    assert snapshot_json == table


def test_the_placeholder_and_cliche_caps(snapshot_json):
    """L-16: 10 per placeholder capped at 30 (3 vs 4); Q-07 cliché penalty min(40, 15n) // 2 (1 -> 7, 2 -> 15, 3 -> 20)."""
    table = {}
    for placeholders in range(0, spec.PLACEHOLDER_PENALTY_CAP // spec.PLACEHOLDER_PENALTY_EACH + 2):
        table[f"{placeholders} placeholders"] = _score(_document("overview", 200, placeholders=placeholders), "overview")
    cliche_cap = -(-spec.CLICHE_PENALTY_CAP // spec.CLICHE_PENALTY_EACH)  # the first count the cap bites at
    for cliches in range(0, cliche_cap + 2):
        table[f"{cliches} cliches"] = _score(_document("overview", 200, cliches=cliches), "overview")
    table["one cliché five times"] = _score(_document("overview", 200) + "leverage " * 5, "overview")
    assert snapshot_json == table


def _deductions(structure: bool, placeholders: int, cliches: int, out_of_bounds: bool) -> int:
    cliche_penalty = min(spec.CLICHE_PENALTY_CAP, spec.CLICHE_PENALTY_EACH * cliches) // spec.CLICHE_PENALTY_DIVISOR if cliches else 0
    return (
        (0 if structure else spec.STRUCTURE_PENALTY)
        + min(spec.PLACEHOLDER_PENALTY_CAP, spec.PLACEHOLDER_PENALTY_EACH * placeholders)
        + cliche_penalty
        + (spec.WORD_COUNT_PENALTY if out_of_bounds else 0)
    )


def test_the_document_status_boundaries(snapshot_json):
    """L-16: >= 80 PASS, 60..79 WARN, < 60 FAIL at the reachable scores next to each cut-off (79 and 59 are not reachable)."""
    low, _ = spec.SECTION_WORD_BOUNDS["overview"]
    table: dict[str, Any] = {}
    reachable = set()
    for structure, placeholders, cliches, out in itertools.product((True, False), range(4), range(4), (False, True)):
        words = low - 1 if out else low
        result = qc_rules.score_document(_document("overview", words, structure, placeholders, cliches), "overview")
        assert result["score"] == spec.DOCUMENT_START - _deductions(structure, placeholders, cliches, out)
        reachable.add(result["score"])
        table.setdefault(str(result["score"]), result["status"])
    assert {spec.DOCUMENT_PASS_SCORE, spec.DOCUMENT_WARN_SCORE} <= reachable
    assert not {spec.DOCUMENT_PASS_SCORE - 1, spec.DOCUMENT_WARN_SCORE - 1} & reachable
    assert snapshot_json == dict(sorted(table.items(), key=lambda kv: -int(kv[0])))


def test_possessives_and_placeholders_counted_in_documents(snapshot_json):
    """Q-08: "your"/"our"-words before an ASCII capital count; L-16 plain placeholders count every occurrence."""
    texts = {
        "Your Brand": "Your Brand", "OUR Team": "OUR Team", "yours Truly": "yours Truly", "ourselves Alone": "ourselves Alone",
        "your team": "your team", "your\\nBrand": "your\nBrand", "your  Brand": "your  Brand", "our-Team": "our-Team",
        "detour Guide": "detour Guide", "your Émile": "your Émile", "your 5G": "your 5G", "(your) Brand": "(your) Brand",
        "TBD TBD": "TBD TBD", "{{{": "{{{", "{{{{": "{{{{", "sun/air": "sun/air", "every placeholder": " ".join(spec.DOC_PLACEHOLDERS),
        "possessive and placeholder": "your Team is TBD",
    }
    assert snapshot_json == {name: qc_rules.placeholder_count(text) for name, text in texts.items()}


def test_what_counts_as_structure(snapshot_json):
    """L-16: a heading line (after stripping) starting with "#" and a non-heading line with text, else -20."""
    texts = {
        "heading and body": "# Title\nbody", "heading only": "# Title", "body only": "just body",
        "indented heading": "   ## Title\nbody", "bare hash": "#\nbody", "body then heading": "body\n# Title",
        "hashtag line only": "#hashtag", "blank lines": "# Title\n\n   \n", "empty": "",
    }
    assert snapshot_json == {name: qc_rules.has_structure(text) for name, text in texts.items()}


def _strategy(summary_words: int, situation_words: int, narrative_words: int, names: list[str], description_words: int) -> StrategyDoc:
    return StrategyDoc(
        executive_summary=_words(summary_words), situation_analysis=_words(situation_words, "oven"),
        strategy_narrative=_words(narrative_words, "crust"),
        pillars=[Pillar(name=n, description=_words(description_words, "flour"), kpi_impact="Lift") for n in names],
        kpis=[], channels=[], timeline="",
    )


def _calendar_names(target: int) -> list[str]:
    """Pillar names that make the 7-day rendered calendar exactly `target` words.

    Pillar 1 is named on days 1, 4 and 7, pillars 2 and 3 on two days each, so one more word
    in a name adds 3 or 2 words to the calendar.
    """
    base = len(render_calendar(generate_calendar("full_funnel", _strategy(1, 1, 1, ["a", "b", "c"], 1))).split())
    rest = target - base
    extra_second = {0: 0, 1: 2, 2: 1}[rest % 3]  # 2·extra ≡ rest (mod 3)
    extra_first = (rest - 2 * extra_second) // 3
    return [_words(1 + extra_first, "fresh"), _words(1 + extra_second, "warm"), "c"]


def test_the_strategy_document_sections_at_their_bounds(snapshot_json):
    """L-16b: overview, strategy and calendar sections built from a plan land on each bound and one word past it."""
    table = {}
    for section, (low, high) in spec.SECTION_WORD_BOUNDS.items():
        for target in (low - 1, low, high, high + 1):
            if section == "overview":  # "## Overview" + summary + situation
                doc, names = _strategy(30, target - 2 - 30, 10, ["a", "b", "c"], 5), ["a", "b", "c"]
            elif section == "strategy":  # "## Strategy" + narrative + three "### name" + descriptions
                doc, names = _strategy(30, 30, target - 2 - 3 * 2 - 3 * 40, ["a", "b", "c"], 40), ["a", "b", "c"]
            else:
                names = _calendar_names(target)
                doc = _strategy(30, 30, 30, names, 5)
            calendar = generate_calendar("full_funnel", doc)
            scores = score_strategy_document(doc, calendar)
            assert scores[section]["word_count"] == target
            table[f"{section} {target}"] = {s: f"{r['word_count']} {r['score']} {r['status']}" for s, r in scores.items()}
    assert snapshot_json == table


def _findings(hook: str, caption: str) -> dict[str, Any]:
    findings = qc_rules.creative_findings(hook, caption)
    score = qc_rules.ruleset_score(findings)
    return {
        "findings": [f"{f['severity']} {f['rule']}: {f['message']}" for f in findings],
        "score": score, "status": qc_rules.ruleset_status(findings), "passes": qc_rules.creative_passes(score, findings),
    }


CLEAN_HOOK = "Freshness: Baked before nine..."
CLEAN_CAPTION = "Sourdough at your office door each morning."


def test_the_caption_length_and_banned_claims(snapshot_json):
    """L-17: a caption under 20 characters is MAJOR (an empty caption still passes at 90); each banned claim anywhere a BLOCKER."""
    minimum = spec.CAPTION_MIN_LENGTH
    captions = {str(n): "c" * n for n in (0, minimum - 1, minimum, minimum + 1)}
    captions |= {"padded to the minimum": " " * 5 + "c" * (minimum - 10) + " " * 5, "spaces, minimum-1": " " * (minimum - 1)}
    table = {f"caption {name}": _findings(CLEAN_HOOK, caption) for name, caption in captions.items()}
    for claim in spec.BANNED_CLAIMS:
        table[f"claim {claim}"] = _findings(CLEAN_HOOK, f"{CLEAN_CAPTION} {claim}")
        table[f"claim {claim} upper"] = _findings(CLEAN_HOOK, f"{CLEAN_CAPTION} {claim.upper()}")
        table[f"claim {claim} in the hook"] = _findings(f"Freshness: {claim}...", CLEAN_CAPTION)
        table[f"claim {claim} twice"] = _findings(CLEAN_HOOK, f"{claim} {CLEAN_CAPTION} {claim}")
    table |= {
        "claims inside words": _findings(CLEAN_HOOK, "Unguaranteed, 1100% and risk-freedom."),
        "near misses": _findings(CLEAN_HOOK, "Guarantee, 100 %, risk free, 1000%."),
        "all three claims": _findings(CLEAN_HOOK, f"Guaranteed, 100% and risk-free. {CLEAN_CAPTION}"),
        "all three claims in a short caption": _findings("Freshness: guaranteed 100% risk-free...", "Short."),
    }
    assert snapshot_json == table


def test_one_finding_of_each_severity_and_several(snapshot_json):
    """L-18: 30/10/3/5 per BLOCKER/MAJOR/MINOR/WARN from real findings, pass at exactly 70 without a blocker, floor 0."""
    generic = _text(["game changer"], 9, 7)  # exactly the genericity threshold
    assert qc_rules.genericity(f"\n{generic}") == spec.GENERIC_THRESHOLD  # an empty hook adds no token

    def clichés(n: int) -> str:
        return " ".join(qc_rules.CLICHES[:n])

    cases = {
        "clean": (CLEAN_HOOK, CLEAN_CAPTION),
        "one MAJOR": (CLEAN_HOOK, "Too short."),
        "one BLOCKER": (CLEAN_HOOK, f"{CLEAN_CAPTION} Guaranteed."),
        "one MINOR at exactly the threshold": ("", generic),
        "one WARN": (CLEAN_HOOK, f"{CLEAN_CAPTION} Seamless."),
        "six WARN: exactly the pass score": (CLEAN_HOOK, f"{CLEAN_CAPTION} {clichés(6)}"),
        "seven WARN: below it": (CLEAN_HOOK, f"{CLEAN_CAPTION} {clichés(7)}"),
        "MAJOR and four WARN: exactly the pass score": (clichés(4), "Short."),
        "MAJOR, MINOR and four WARN": (clichés(4) + " game changer game changer", "Short."),
        "a BLOCKER alone is exactly the pass score but fails": (CLEAN_HOOK, f"{CLEAN_CAPTION} 100%"),
        "three BLOCKERs and a MAJOR: exactly zero": ("guaranteed 100% risk-free", "Short."),
        "three BLOCKERs, a MAJOR and a WARN: floored at zero": ("guaranteed 100% risk-free leverage", "Short."),
        "three BLOCKERs and a WARN": ("guaranteed 100% risk-free leverage", CLEAN_CAPTION),
        "all twenty clichés": (CLEAN_HOOK, f"{CLEAN_CAPTION} {clichés(20)}"),
    }
    table = {name: _findings(hook, caption) for name, (hook, caption) in cases.items()}
    assert table["one MINOR at exactly the threshold"]["findings"] == ["MINOR genericity: genericity 0.35"]
    for name in ("six WARN: exactly the pass score", "MAJOR and four WARN: exactly the pass score"):
        assert (table[name]["score"], table[name]["passes"]) == (spec.CREATIVE_PASS_SCORE, True)
    assert table["three BLOCKERs and a MAJOR: exactly zero"]["score"] == spec.SCORE_FLOOR
    assert snapshot_json == table


def _synthetic(**counts: int) -> list[dict[str, str]]:
    return [{"severity": severity} for severity, n in counts.items() for _ in range(n)]


def test_the_ruleset_score_around_the_pass_score_and_the_floor(snapshot_json):
    """L-18: penalties summing to 29/30/31 (71/70/69) with and without a blocker; 99/100/101 around the floor."""
    w = spec.SEVERITY_WEIGHTS
    sets = {
        "penalty 29": _synthetic(MINOR=3, WARN=4), "penalty 30": _synthetic(MAJOR=3), "penalty 31": _synthetic(MINOR=2, WARN=5),
        "penalty 30, blocker": _synthetic(BLOCKER=1), "penalty 33, blocker": _synthetic(BLOCKER=1, MINOR=1),
        "penalty 99": _synthetic(BLOCKER=3, MINOR=3), "penalty 100": _synthetic(BLOCKER=3, MAJOR=1),
        "penalty 101": _synthetic(BLOCKER=2, MAJOR=3, MINOR=2, WARN=1), "no findings": [],
    }
    table = {}
    for name, findings in sets.items():
        penalty = sum(w[f["severity"]] for f in findings)
        assert name == "no findings" or name.startswith(f"penalty {penalty}")
        score = qc_rules.ruleset_score(findings)
        assert score == max(spec.SCORE_FLOOR, spec.RULESET_START - penalty)
        table[name] = f"{score} {qc_rules.ruleset_status(findings)} passes={qc_rules.creative_passes(score, findings)}"
    assert snapshot_json == table


def _hooks(total: int, duplicated: int) -> list[str]:
    """`duplicated` days sharing one hook, the other days each with their own."""
    return ["Story: Fresh bread"] * duplicated + [f"Day {d}: hook" for d in range(total - duplicated)]


def test_the_duplicate_hook_share_boundary(snapshot_json):
    """L-17: a MAJOR calendar finding at exactly 30% of days repeating a hook (3/10, 9/30, 30/100), not at 29%."""
    table = {}
    for total, duplicated in [(10, 2), (10, 3), (10, 4), (30, 8), (30, 9), (30, 10), (100, 29), (100, 30), (100, 31), (7, 2), (7, 0), (1, 0)]:
        hooks = _hooks(total, duplicated)
        share = qc_rules.duplicate_hook_share(hooks)
        assert share == duplicated / total
        table[f"{duplicated}/{total}"] = {"share": share, "findings": qc_rules.calendar_findings(hooks)}
    for key in ("3/10", "9/30", "30/100"):
        assert table[key]["share"] == spec.DUPLICATE_HOOK_SHARE
    variants = {
        "two pairs in ten": ["a", "a", "b", "b"] + [f"x{i}" for i in range(6)],
        "case differs": ["Hook", "hook", "HOOK"] + [f"x{i}" for i in range(7)],
        "padding differs": ["Hook", " Hook", "Hook "] + [f"x{i}" for i in range(7)],
        "the same hook every day": ["Hook"] * 30,
        "no days": [],
    }
    table |= {name: {"share": qc_rules.duplicate_hook_share(h), "findings": qc_rules.calendar_findings(h)} for name, h in variants.items()}
    assert snapshot_json == table


def test_possessives_across_the_sections_of_a_strategy_document(snapshot_json):
    """Q-08/L-16b: a summary ending "yours" reads as a placeholder before a capitalised next paragraph."""
    def doc(summary_end: str, description_end: str) -> StrategyDoc:
        return StrategyDoc(
            executive_summary=f"Fresh sourdough for every office, and the first loaf is {summary_end}",
            situation_analysis="Offices buy bread in supermarkets.", strategy_narrative="Lead with freshness.",
            pillars=[Pillar(name=f"Pillar {i}", description=f"Every loaf is {description_end}", kpi_impact="Lift") for i in range(3)],
            kpis=[], channels=[], timeline="",
        )

    table = {}
    for name, (summary_end, description_end) in {"possessive ends": ("yours", "ours"), "plain ends": ("free", "warm")}.items():
        scores = score_strategy_document(doc(summary_end, description_end), [])
        table[name] = {s: {"placeholders": r["placeholders"], "score": r["score"], "deductions": r["deductions"]} for s, r in scores.items()}
    assert snapshot_json == table


def test_the_project_verdict_with_a_hand_made_calendar(legacy_session, snapshot_json):
    """L-18b/L-17: passing creatives with a calendar just under and just over the duplicate-hook share."""
    intake = ClientIntake.from_request({
        "brand_name": "Harbour Lights", "website": "https://harbour-lights.example", "industry": "Bakery", "geography": "UK",
        "product_service": "Sourdough", "target_audiences": ["Offices"], "pain_points": ["Stale bread"],
        "desired_outcomes": ["Subscriptions", "Repeat orders", "Loyalty"],
    })
    strategy, _ = draft_strategy(intake.to_brief())
    creatives = produce_creatives(legacy_session, create_client(legacy_session, intake), intake.to_brief(), strategy)
    week = produce_calendar(intake.pack, strategy)
    table = {}
    for repeated in (0, 2, 3):  # 0/7, 2/7 (28.57%, under 30%), 3/7 (42.86%)
        calendar = [item.model_copy(update={"hook": week[0].hook}) if item.day <= repeated else item for item in week]
        result = evaluate_project(legacy_session, intake, strategy, creatives, calendar)
        table[f"{repeated}/7"] = {"verdict": result["verdict"], "calendar": result["calendar"], "documents": result["documents"]["calendar"]}
    assert snapshot_json == table
