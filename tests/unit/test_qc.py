"""QC ruleset v1 (spec section 4: L-03, L-14..L-18b, Q-06, Q-07, Q-08, Q-09)."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from aicmo.domain import ClientIntake
from backend.db.models import CreativeAssetRow
from backend.db.session import SessionLocal
from backend.generators.calendar_generator import render_calendar
from backend.services import qc_rules
from backend.services.qc import evaluate_project, score_strategy_document
from backend.services.qc_rules import (
    CLICHES,
    STOCK_PHRASES,
    calendar_findings,
    cliches_in,
    creative_findings,
    creative_passes,
    genericity,
    placeholder_count,
    ruleset_score,
    ruleset_status,
    score_document,
)

pytestmark = [pytest.mark.usefixtures("legacy_env"), pytest.mark.legacy_internals("production", "qc", "domain")]

CLEAN_HOOK = "Fresh beans: roasted this week for remote workers..."
CLEAN_CAPTION = "Order a bag today and taste the difference at your desk tomorrow morning."


def _doc(words: int, heading: bool = True, extra: str = "") -> str:
    """A document of exactly ``words`` words (heading words included)."""
    head = "# Overview\n" if heading else ""
    body_words = words - (2 if heading else 0) - len(extra.split())
    return head + " ".join(["coffee"] * body_words) + (" " + extra if extra else "")


def _findings(*severities: str) -> list[dict[str, str]]:
    return [qc_rules.finding("rule", s, "m") for s in severities]


# --- L-14 -------------------------------------------------------------------------------


def test_l14_ten_stock_phrases_including_the_spec_examples():
    """Ten stock phrases, among them the spec's examples."""
    examples = {
        "in today's fast-paced world",
        "take it to the next level",
        "game changer",
        "unlock your potential",
        "best-in-class",
    }
    assert 10 == len(STOCK_PHRASES)
    assert examples <= set(STOCK_PHRASES)


def test_l14_one_stock_phrase_scores_a_third_of_0_7():
    """One stock phrase, no repeated token: 0.7 · 1/3."""
    assert pytest.approx(0.7 / 3) == genericity("A real game changer")


def test_l14_three_stock_phrases_cap_the_phrase_part_at_0_7():
    """Three or more stock phrases give the full 0.7."""
    assert pytest.approx(0.7) == genericity("Game changer, best-in-class, look no further, second to none")


def test_l14_repeated_tokens_weigh_0_3():
    """'buy buy buy buy' repeats 3 of 4 tokens: 0.3 · 0.75 = 0.225."""
    assert pytest.approx(0.225) == genericity("buy buy buy buy")


def test_l14_both_parts_add_up():
    """'game changer game changer': 0.7 · 2/3 + 0.3 · 0.5."""
    assert pytest.approx(0.7 * 2 / 3 + 0.3 * 0.5) == genericity("game changer game changer")


def test_l14_threshold_is_0_35():
    """A text scoring 0.35 or more is too generic."""
    assert 0.35 == qc_rules.GENERIC_THRESHOLD


# --- L-15 -------------------------------------------------------------------------------


def test_l15_twenty_cliches_including_the_spec_examples():
    """Twenty clichés, among them the spec's examples."""
    assert 20 == len(CLICHES)
    assert {"leverage", "synergy", "disrupt", "cutting-edge", "world-class"} <= set(CLICHES)


def test_l15_cliches_match_as_substrings_case_insensitive():
    """'LEVERAGED' and 'Disruptive' count as the clichés 'leverage' and 'disrupt'."""
    assert ["leverage", "disrupt"] == cliches_in("We LEVERAGED Disruptive ideas")


# --- L-16 / Q-07 / Q-08 -----------------------------------------------------------------


def test_l16_clean_document_scores_100():
    """A structured overview of 200 words, without placeholder or cliché, scores 100 PASS."""
    result = score_document(_doc(200), "overview")
    assert (100, "PASS", 200) == (result["score"], result["status"], result["word_count"])


def test_l16_structural_problem_costs_20():
    """A document without a heading loses 20 points."""
    result = score_document(_doc(200, heading=False), "overview")
    assert (80, {"structure": 20}) == (result["score"], result["deductions"])


@pytest.mark.parametrize("count, expected_score", [(1, 90), (2, 80), (3, 70), (4, 70), (6, 70)])
def test_l16_placeholders_cost_10_each_capped_at_30(count, expected_score):
    """Each placeholder costs 10 points, at most 30."""
    text = _doc(200, extra=" ".join(["TBD"] * count))
    assert expected_score == score_document(text, "overview")["score"]


def test_q07_one_cliche_costs_seven_points():
    """One cliché costs (15 // 2) = 7 points, not 7.5: the score is 93."""
    result = score_document(_doc(200, extra="leverage"), "overview")
    assert (93, {"cliches": 7}) == (result["score"], result["deductions"])


@pytest.mark.parametrize(
    "extra, penalty",
    [("synergy leverage", 15), ("synergy leverage robust", 20), ("synergy leverage robust holistic", 20)],
)
def test_l16_cliche_penalty_is_min_40_15n_halved(extra, penalty):
    """Two clichés cost 15, three or more cost min(40, 45) // 2 = 20."""
    assert 100 - penalty == score_document(_doc(200, extra=extra), "overview")["score"]


@pytest.mark.parametrize(
    "section, low, high",
    [("overview", 150, 400), ("strategy", 200, 500), ("calendar", 500, 2000)],
)
def test_l16_word_count_outside_section_bounds_costs_10(section, low, high):
    """Word counts inside the section bounds cost nothing; one word outside costs 10."""
    scores = [score_document(_doc(n), section)["score"] for n in (low - 1, low, high, high + 1)]
    assert [90, 100, 100, 90] == scores


@pytest.mark.parametrize(
    "text, expected",
    [
        (_doc(200, heading=False), (80, "PASS")),
        (_doc(200, heading=False, extra="leverage"), (73, "WARN")),
        (_doc(149, heading=False, extra="TBD"), (60, "WARN")),
        (_doc(149, heading=False, extra="TBD leverage"), (53, "FAIL")),
    ],
)
def test_l16_status_bands(text, expected):
    """≥ 80 PASS, 60-79 WARN, < 60 FAIL."""
    result = score_document(text, "overview")
    assert expected == (result["score"], result["status"])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Welcome to Our Clinic", 1),
        ("Bring yourself Today", 1),
        ("Our Team and your Brand", 2),
        ("our team and your brand", 0),
        ("Four Seasons", 0),
    ],
)
def test_q08_your_or_our_word_before_a_capital_counts_as_placeholder(text, expected):
    """A word starting 'your'/'our' followed by a capitalised word is a placeholder."""
    assert expected == placeholder_count(text)


def test_q08_possessive_placeholders_cost_points():
    """'Our Team and your Brand' in an otherwise clean overview costs 2 × 10 points."""
    assert 80 == score_document(_doc(200, extra="Our Team and your Brand"), "overview")["score"]


# --- L-16b ------------------------------------------------------------------------------


def test_l16b_strategy_document_is_scored_by_section(make_project):
    """Overview = summary + situation, strategy = narrative + pillars, calendar = the rendered calendar."""
    project = make_project()
    strategy = project.strategy.model_copy(
        update={
            "situation_analysis": project.strategy.situation_analysis + " Budget TBD.",
            "pillars": [project.strategy.pillars[0].model_copy(update={"description": "We leverage roasts."})]
            + project.strategy.pillars[1:],
        }
    )
    docs = score_strategy_document(strategy, project.calendar)
    assert ["overview", "strategy", "calendar"] == list(docs)
    assert (1, []) == (docs["overview"]["placeholders"], docs["overview"]["cliches"])
    assert (0, ["leverage"]) == (docs["strategy"]["placeholders"], docs["strategy"]["cliches"])
    assert len(render_calendar(project.calendar).split()) == docs["calendar"]["word_count"]


def test_l16b_document_scores_do_not_gate_the_verdict(make_project):
    """A strategy document that FAILs its score still lets clean creatives reach QC_APPROVED."""
    project = make_project()
    bad = project.strategy.model_copy(
        update={"executive_summary": "TBD, TODO, n/a: we leverage synergy.", "situation_analysis": ""}
    )
    result = evaluate_project(project.session, project.intake, bad, project.creatives, project.calendar)
    assert (45, "FAIL") == (result["documents"]["overview"]["score"], result["documents"]["overview"]["status"])
    assert "QC_APPROVED" == result["verdict"]


# --- L-03 (reported with QC) ------------------------------------------------------------


def test_l03_intake_findings_are_reported_and_do_not_gate(make_project):
    """Missing intake fields are BLOCKER findings in the QC result, but the verdict stays QC_APPROVED."""
    project = make_project()
    bare = ClientIntake.from_request({"brand": "Northwind Coffee Roasters"})
    result = evaluate_project(project.session, bare, project.strategy, project.creatives, project.calendar)
    assert 7 == len(result["intake_findings"])
    assert {"BLOCKER"} == {f["severity"] for f in result["intake_findings"]}
    assert "QC_APPROVED" == result["verdict"]


# --- L-17 -------------------------------------------------------------------------------


def test_l17_clean_creative_has_no_findings():
    """A specific, claim-free creative has no finding."""
    assert [] == creative_findings(CLEAN_HOOK, CLEAN_CAPTION)


def test_l17_caption_under_20_characters_is_major():
    """A 19-character caption is a MAJOR finding; 20 characters is fine."""
    assert ["MAJOR"] == [f["severity"] for f in creative_findings(CLEAN_HOOK, "x" * 19)]
    assert [] == creative_findings(CLEAN_HOOK, "Fresh roast, weekly.")


@pytest.mark.parametrize("claim", ["Guaranteed", "100%", "risk-free"])
def test_l17_banned_claim_is_a_blocker(claim):
    """'guaranteed', '100%' and 'risk-free' are BLOCKER findings."""
    findings = creative_findings(CLEAN_HOOK, f"{CLEAN_CAPTION} {claim} taste.")
    assert [("banned_claim", "BLOCKER")] == [(f["rule"], f["severity"]) for f in findings]


def test_l17_generic_text_is_minor():
    """Genericity ≥ 0.35 is a MINOR finding."""
    findings = creative_findings(CLEAN_HOOK, "A game changer that is second to none.")
    assert [("genericity", "MINOR")] == [(f["rule"], f["severity"]) for f in findings]


def test_l17_each_cliche_is_a_warning():
    """Every cliché found is one WARN finding."""
    findings = creative_findings(CLEAN_HOOK, "Seamless ordering and robust beans for your desk.")
    assert [("cliche", "WARN"), ("cliche", "WARN")] == [(f["rule"], f["severity"]) for f in findings]


def test_l17_duplicate_hooks_on_30_percent_of_days_is_major():
    """A calendar repeating hooks on 3 of 10 days has a MAJOR finding; on 2 of 10 days none."""
    thirty = ["same", "same", "same"] + [f"hook {i}" for i in range(7)]
    twenty = ["same", "same"] + [f"hook {i}" for i in range(8)]
    assert ["MAJOR"] == [f["severity"] for f in calendar_findings(thirty)]
    assert [] == calendar_findings(twenty)


def test_q06_l17_every_thirty_day_calendar_fails_the_duplicate_check(make_project):
    """The 30-day quick_social calendar repeats hooks on 80% of its days, a MAJOR finding."""
    project = make_project(pack="quick_social")
    hooks = [i.hook for i in project.calendar]
    assert 0.8 == qc_rules.duplicate_hook_share(hooks)
    assert [("duplicate_hooks", "MAJOR")] == [(f["rule"], f["severity"]) for f in calendar_findings(hooks)]


# --- L-18 -------------------------------------------------------------------------------


def test_l18_score_weights():
    """100 − 30 per blocker − 10 per major − 3 per minor − 5 per warning: one of each is 52."""
    assert 52 == ruleset_score(_findings("BLOCKER", "MAJOR", "MINOR", "WARN"))


def test_l18_score_floor_is_zero():
    """Four blockers would be −20; the score floors at 0."""
    assert 0 == ruleset_score(_findings("BLOCKER", "BLOCKER", "BLOCKER", "BLOCKER"))


@pytest.mark.parametrize(
    "severities, expected",
    [((), "PASS"), (("WARN",), "WARN"), (("MINOR",), "WARN"), (("MAJOR", "WARN"), "WARN"), (("BLOCKER", "WARN"), "FAIL")],
)
def test_l18_status(severities, expected):
    """FAIL on any blocker, WARN on anything else, PASS on nothing."""
    assert expected == ruleset_status(_findings(*severities))


def test_l18_creative_passes_at_70_without_blocker():
    """Three majors (70) pass; one blocker (70) fails; 69 fails."""
    three_majors = _findings("MAJOR", "MAJOR", "MAJOR")
    one_blocker = _findings("BLOCKER")
    sixty_nine = _findings("MAJOR", "MAJOR", "WARN", "MINOR", "MINOR")
    assert (70, True) == (ruleset_score(three_majors), creative_passes(ruleset_score(three_majors), three_majors))
    assert (70, False) == (ruleset_score(one_blocker), creative_passes(ruleset_score(one_blocker), one_blocker))
    assert (69, False) == (ruleset_score(sixty_nine), creative_passes(ruleset_score(sixty_nine), sixty_nine))


# --- L-18b / Q-09 -----------------------------------------------------------------------


def test_l18b_clean_creatives_and_calendar_are_qc_approved(make_project):
    """Every creative passes and the 7-day calendar has no MAJOR: QC_APPROVED."""
    project = make_project()
    result = evaluate_project(project.session, project.intake, project.strategy, project.creatives, project.calendar)
    assert "QC_APPROVED" == result["verdict"]
    assert [100] * 9 == [r["score"] for r in result["creatives"]]


def test_l18b_one_failing_creative_fails_the_project(make_project):
    """One creative with a banned claim makes the verdict QC_FAILED."""
    project = make_project()
    project.creatives[4].caption += " Guaranteed."
    result = evaluate_project(project.session, project.intake, project.strategy, project.creatives, project.calendar)
    assert "QC_FAILED" == result["verdict"]
    assert [True] * 4 + [False] + [True] * 4 == [r["passed"] for r in result["creatives"]]


def test_l18b_calendar_major_fails_the_project(make_project):
    """Clean creatives with a 30-day calendar (MAJOR duplicate hooks) are QC_FAILED."""
    project = make_project(pack="quick_social")
    result = evaluate_project(project.session, project.intake, project.strategy, project.creatives, project.calendar)
    assert all(r["passed"] for r in result["creatives"])
    assert "QC_FAILED" == result["verdict"]


def test_q09_qc_writes_its_result_into_creative_assets(make_project):
    """QC writes qc_score, qc_status and qc_issues onto the creative_assets rows."""
    project = make_project()
    project.creatives[0].caption += " Guaranteed."
    evaluate_project(project.session, project.intake, project.strategy, project.creatives, project.calendar)
    project.session.commit()
    with SessionLocal() as other:
        rows = list(other.scalars(select(CreativeAssetRow).order_by(CreativeAssetRow.position)))
        assert (70, "FAIL") == (rows[0].qc_score, rows[0].qc_status)
        assert ["banned_claim"] == [f["rule"] for f in json.loads(rows[0].qc_issues)]
        assert (100, "PASS", []) == (rows[1].qc_score, rows[1].qc_status, json.loads(rows[1].qc_issues))
