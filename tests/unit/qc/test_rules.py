"""Ruleset v1 of the new QC, rule by rule, on the spec's examples and quirks."""
from __future__ import annotations

from aicmo.qc.api import Deduction, DocumentSection, FindingRule, QcStatus, Severity
from aicmo.qc.internal.model import CreativeCheck, Finding
from aicmo.qc.internal.rules.calendar_check import check_calendar
from aicmo.qc.internal.rules.cliches import cliches_in
from aicmo.qc.internal.rules.creative_findings import creative_findings
from aicmo.qc.internal.rules.document_score import score_document
from aicmo.qc.internal.rules.genericity import genericity
from aicmo.qc.internal.rules.intake import intake_findings

BODY = "# Heading\n\n" + " ".join(["word"] * 160)


def test_genericity_weighs_stock_phrases_and_repeated_tokens():
    """Three stock phrases saturate at 0.7; repeated tokens add 0.3 times their share (L-14)."""
    text = "game changer, best-in-class, look no further"
    assert (0.7, 0.0) == (round(genericity(text), 6), genericity("one two three"))


def test_cliches_match_as_substrings_in_list_order():
    """'Empowering' matches 'empower'; the order is the list's, not the text's (L-15)."""
    assert ("leverage", "empower") == cliches_in("Empowering teams to LEVERAGE data")


def test_one_cliche_costs_seven_points():
    """Q-07: the cliché penalty halves with integer division, 15 // 2 = 7."""
    score = score_document(BODY + " synergy", DocumentSection.OVERVIEW)
    assert (93, {Deduction.CLICHES: 7}) == (score.score, score.deductions)


def test_our_followed_by_a_capital_counts_as_a_placeholder():
    """Q-08: "our Team" and "yours Truly" are placeholders, "our team" is not."""
    score = score_document(BODY + " our Team, yours Truly, our team", DocumentSection.OVERVIEW)
    assert (2, 20) == (score.placeholders, score.deductions[Deduction.PLACEHOLDERS])


def test_document_status_bands():
    """80 or more PASS, 60 to 79 WARN, below 60 FAIL (L-16)."""
    statuses = [score_document(text, DocumentSection.OVERVIEW).status for text in (BODY, "short", "TBD TODO N/A {{ x")]
    assert [QcStatus.PASS, QcStatus.WARN, QcStatus.FAIL] == statuses


def test_creative_findings_in_rule_order():
    """Short caption MAJOR, then banned claims BLOCKER, then clichés WARN (L-17)."""
    findings = creative_findings("Hook", "100% synergy")
    assert [(FindingRule.CAPTION_LENGTH, Severity.MAJOR), (FindingRule.BANNED_CLAIM, Severity.BLOCKER),
            (FindingRule.CLICHE, Severity.WARN)] == [(f.rule, f.severity) for f in findings]


def test_ruleset_score_floors_at_zero_and_a_blocker_fails():
    """100 − 30·blockers − …, floor 0; any blocker is FAIL and not passed (L-18)."""
    blockers = tuple(Finding(FindingRule.BANNED_CLAIM, Severity.BLOCKER, "x") for _ in range(4))
    check = CreativeCheck(creative_id="c", position=0, platform="Twitter", pillar_index=0, findings=blockers)
    assert (0, QcStatus.FAIL, False) == (check.score, check.status, check.passed)


def test_a_creative_with_only_warnings_passes_at_seventy():
    """Six clichés cost 30: score 70 still passes, status WARN (L-18)."""
    warns = tuple(Finding(FindingRule.CLICHE, Severity.WARN, "x") for _ in range(6))
    check = CreativeCheck(creative_id="c", position=0, platform="Twitter", pillar_index=0, findings=warns)
    assert (70, QcStatus.WARN, True) == (check.score, check.status, check.passed)


def test_a_thirty_day_calendar_fails_the_duplicate_hook_check():
    """Q-06: days 7..30 share one hook, 80% of days, a MAJOR finding (L-17)."""
    hooks = [f"hook {day}" for day in range(1, 7)] + ["hook 7"] * 24
    check = check_calendar(hooks)
    assert (0.8, ["80% of days repeat a hook"]) == (check.duplicate_hook_share, [f.message for f in check.findings])


def test_exactly_thirty_percent_duplicate_days_is_a_finding():
    """The bound is inclusive: 3 of 10 days repeating a hook is MAJOR."""
    assert [Severity.MAJOR] == [f.severity for f in check_calendar(["a"] * 3 + [str(d) for d in range(7)]).findings]


def test_a_calendar_below_thirty_percent_duplicates_has_no_finding():
    """Two repeated days out of seven is 29%: no finding."""
    assert () == check_calendar(["a", "a", "b", "c", "d", "e", "f"]).findings


def test_each_missing_intake_field_is_a_blocker():
    """L-03: one BLOCKER per missing field, in the given order."""
    assert ["missing field 'website'", "missing field 'industry'"] == [
        f.message for f in intake_findings(["website", "industry"]) if f.severity is Severity.BLOCKER
    ]
