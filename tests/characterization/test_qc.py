"""QC (spec section 4): genericity, clichés, document scores, findings, ruleset, verdicts."""
from __future__ import annotations

import itertools

import pytest

from backend.services import qc_rules
from backend.services.qc import evaluate_project, score_strategy_document
from tests.characterization.builders import build_project

pytestmark = [pytest.mark.aicmo_evidence(module="qc", suite="characterization"), pytest.mark.legacy_internals("qc", "domain")]

TEXTS = {
    "plain": "Fresh beans roasted weekly for remote workers.",
    "empty": "",
    "one_stock_phrase": "In today's fast-paced world, coffee matters.",
    "two_stock_phrases": "A game changer that is best-in-class.",
    "three_stock_phrases": "Look no further: second to none, state of the art.",
    "five_stock_phrases": "One-stop shop. At the end of the day, unlock your potential, take it to the next level, game changer.",
    "repeated_tokens": "buy buy buy buy now now now",
    "upper_case_phrase": "GAME CHANGER GAME CHANGER",
    "cliches_all": " ".join(qc_rules.CLICHES),
    "cliche_substrings": "We leveraged empowerment and streamlined disruption; Next-Gen ROBUSTNESS.",
    "claims": "Guaranteed results, 100% risk-free.",
    "possessive": "Your Brand and our Team meet yours Truly, ourselves Alone, your team.",
    "placeholders": "TBD n/a ToDo not specified lorem ipsum {{x}}",
}


def test_genericity_and_cliches_of_the_text_corpus(snapshot_json):
    """L-14 genericity (0.35 threshold) and L-15 substring clichés of each text."""
    table = {
        name: {
            "stock_hits": qc_rules.stock_phrase_hits(text),
            "repeated_share": round(qc_rules.repeated_token_share(text), 6),
            "genericity": round(qc_rules.genericity(text), 6),
            "too_generic": qc_rules.genericity(text) >= qc_rules.GENERIC_THRESHOLD,
            "cliches": qc_rules.cliches_in(text),
            "placeholders": qc_rules.placeholder_count(text),
        }
        for name, text in TEXTS.items()
    }
    assert snapshot_json == table


def _document(structure: bool, placeholders: int, cliches: int, words: int) -> str:
    body = ["word"] * words
    body[: placeholders] = ["TBD"] * placeholders
    body[placeholders : placeholders + cliches] = qc_rules.CLICHES[:cliches]
    text = " ".join(body)
    return f"# Heading\n{text}\n" if structure else text


def test_the_document_score_grid(snapshot_json):
    """L-16/Q-07: structure, placeholders, halved integer cliché penalty, word bounds -> score, status."""
    table = {}
    sections = {"overview": (149, 150, 400, 401), "strategy": (199, 200, 500, 501), "calendar": (499, 500, 2000, 2001)}
    for section, word_counts in sections.items():
        for structure, placeholders, cliches, words in itertools.product(
            (True, False), (0, 1, 2, 3, 4), (0, 1, 2, 3, 4), word_counts
        ):
            result = qc_rules.score_document(_document(structure, placeholders, cliches, words - (1 if structure else 0)), section)
            key = f"{section} structure={structure} placeholders={placeholders} cliches={cliches} words={words}"
            table[key] = f"{result['score']} {result['status']} {sorted(result['deductions'].items())}"
    assert snapshot_json == table


def test_possessive_words_count_as_placeholders(snapshot_json):
    """Q-08: "your"/"our"-words followed by a capitalised word each count as a placeholder."""
    texts = ["Your Brand", "your brand", "our Team", "yours Truly", "ourselves Alone", "Ours truly", "tour Guide", "flavour Text"]
    assert snapshot_json == {t: qc_rules.placeholder_count(t) for t in texts}


def test_findings_of_creatives(snapshot_json):
    """L-17: caption length (MAJOR), banned claims (BLOCKER), genericity (MINOR), clichés (WARN)."""
    captions = {
        "19_chars": "x" * 19,
        "20_chars": "y" * 20,
        "claims": "Guaranteed growth, 100% risk-free for every client.",
        "generic": "In today's fast-paced world this game changer is best-in-class.",
        "cliches": "We leverage synergy to disrupt with cutting-edge, world-class tools.",
        "clean": "Fresh beans roasted weekly, delivered to your door.",
    }
    table = {}
    for name, caption in captions.items():
        findings = qc_rules.creative_findings("Hook: text...", caption)
        score = qc_rules.ruleset_score(findings)
        table[name] = {
            "findings": findings,
            "score": score,
            "status": qc_rules.ruleset_status(findings),
            "passes": qc_rules.creative_passes(score, findings),
        }
    assert snapshot_json == table


def test_the_ruleset_score_table(snapshot_json):
    """L-18: 100 - 30/10/3/5 per blocker/major/minor/warning, floor 0; status; pass at 70 without blocker."""
    table = {}
    for blockers, majors, minors, warns in itertools.product(range(2), range(4), range(4), range(7)):
        findings = (
            [{"severity": "BLOCKER"}] * blockers + [{"severity": "MAJOR"}] * majors
            + [{"severity": "MINOR"}] * minors + [{"severity": "WARN"}] * warns
        )
        score = qc_rules.ruleset_score(findings)
        table[f"b{blockers} M{majors} m{minors} w{warns}"] = (
            f"{score} {qc_rules.ruleset_status(findings)} {qc_rules.creative_passes(score, findings)}"
        )
    table["floor"] = qc_rules.ruleset_score([{"severity": "BLOCKER"}] * 4)
    assert snapshot_json == table


def test_duplicate_hook_shares_and_the_calendar_finding(snapshot_json):
    """L-17: a MAJOR calendar finding from a 30% share of days with a repeated hook."""
    cases = {
        "none": [],
        "all_distinct": list("abcdefghij"),
        "two_of_ten": list("aabcdefghi"),
        "three_of_ten": list("aaabcdefgh"),
        "four_of_ten": list("aabbcdefgh"),
        "seven_day": list("abcdefg"),
    }
    table = {
        name: {"share": qc_rules.duplicate_hook_share(h), "findings": qc_rules.calendar_findings(h)}
        for name, h in cases.items()
    }
    assert snapshot_json == table


@pytest.mark.parametrize(
    "intake_id",
    ["complete_uk_strategy_sales", "quick_social_us_engagement", "cliche_and_claim_heavy", "stock_phrase_offers",
     "missing_required_fields", "possessive_placeholders", "long_descriptions"],
)
def test_qc_of_a_project_and_what_it_writes(intake_id, legacy_session, db_effects, snapshot_json):
    """L-16b/L-17/L-18b verdict; Q-09: scores, statuses and issues land on creative_assets."""
    project = build_project(legacy_session, intake_id)
    result, effects = db_effects(
        lambda: evaluate_project(legacy_session, project.intake, project.strategy, project.creatives, project.calendar),
        legacy_session,
    )
    assert snapshot_json == {"result": result, "effects": effects}


def test_the_strategy_document_scores_by_section(legacy_session, snapshot_json):
    """L-16b: overview, strategy and calendar sections scored for a few projects."""
    scores = {}
    for intake_id in ["complete_uk_strategy_sales", "quick_social_in_sales", "possessive_placeholders", "cliche_and_claim_heavy"]:
        project = build_project(legacy_session, intake_id)
        scores[intake_id] = score_strategy_document(project.strategy, project.calendar)
    assert snapshot_json == scores
