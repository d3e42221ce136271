"""QC's domain model: findings, a creative's check, the calendar check, a document score and
the evaluation with its verdict. Scores, statuses and the verdict are derived, never stored apart.
"""
from __future__ import annotations

from datetime import datetime

import attrs

from aicmo.qc.api import Deduction, DocumentSection, FindingRule, QcStatus, QcVerdict, Severity

__all__ = ["CalendarCheck", "CreativeCheck", "DocumentScore", "Evaluation", "Finding", "SEVERITY_WEIGHTS"]

# L-18: what one finding of each severity costs
SEVERITY_WEIGHTS = {Severity.BLOCKER: 30, Severity.MAJOR: 10, Severity.MINOR: 3, Severity.WARN: 5}
CREATIVE_PASS_SCORE = 70


@attrs.frozen
class Finding:
    """One problem a rule found, worded as legacy words it."""

    rule: FindingRule
    severity: Severity
    message: str


def _has_blocker(findings: tuple[Finding, ...]) -> bool:
    return any(f.severity is Severity.BLOCKER for f in findings)


@attrs.frozen
class CreativeCheck:
    """One creative's findings (L-17) and what ruleset v1 makes of them (L-18)."""

    creative_id: str
    position: int
    platform: str
    pillar_index: int
    findings: tuple[Finding, ...]

    @property
    def score(self) -> int:
        return max(0, 100 - sum(SEVERITY_WEIGHTS[f.severity] for f in self.findings))

    @property
    def status(self) -> QcStatus:
        if _has_blocker(self.findings):
            return QcStatus.FAIL
        return QcStatus.WARN if self.findings else QcStatus.PASS

    @property
    def passed(self) -> bool:
        return self.score >= CREATIVE_PASS_SCORE and not _has_blocker(self.findings)


@attrs.frozen
class CalendarCheck:
    """The calendar's duplicate-hook share (unrounded) and its finding (L-17)."""

    duplicate_hook_share: float
    findings: tuple[Finding, ...]

    @property
    def has_major(self) -> bool:
        return any(f.severity is Severity.MAJOR for f in self.findings)


@attrs.frozen
class DocumentScore:
    """One section's measurements and deductions (L-16); the score and band follow."""

    section: DocumentSection
    word_count: int
    placeholders: int
    cliches: tuple[str, ...]
    deductions: dict[Deduction, int]

    @property
    def score(self) -> int:
        return 100 - sum(self.deductions.values())

    @property
    def status(self) -> QcStatus:
        if self.score >= 80:
            return QcStatus.PASS
        return QcStatus.WARN if self.score >= 60 else QcStatus.FAIL


@attrs.frozen
class Evaluation:
    """One evaluation of a creative set: every check, and the verdict they give (L-18b)."""

    qc_result_id: str
    client_id: str
    creative_set_id: str
    round_number: int
    creatives: tuple[CreativeCheck, ...]
    calendar: CalendarCheck
    documents: dict[DocumentSection, DocumentScore]
    intake_findings: tuple[Finding, ...]
    evaluated_at: datetime

    @property
    def verdict(self) -> QcVerdict:
        # intake findings and document scores are reported, never gating (L-03, L-16b)
        if all(c.passed for c in self.creatives) and not self.calendar.has_major:
            return QcVerdict.QC_APPROVED
        return QcVerdict.QC_FAILED

    @property
    def failing_creative_ids(self) -> tuple[str, ...]:
        return tuple(c.creative_id for c in self.creatives if not c.passed)
