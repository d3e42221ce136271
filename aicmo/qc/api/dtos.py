"""QC's data at the boundary: what is checked, findings, scores and the verdict (spec §4)."""
from __future__ import annotations

from enum import Enum

from pydantic import AwareDatetime, Field

from aicmo.production.api import (
    ContentCalendar,
    CreativeId,
    CreativeSet,
    CreativeSetId,
    Platform,
)
from aicmo.shared.dto import ContractModel
from aicmo.shared.ids import ClientId, EntityId

__all__ = [
    "CalendarCheck",
    "CreativeCheck",
    "Deduction",
    "DocumentScore",
    "DocumentScores",
    "DocumentSection",
    "DocumentText",
    "Finding",
    "FindingRule",
    "PillarText",
    "QcRequest",
    "QcResult",
    "QcResultId",
    "QcStatus",
    "QcVerdict",
    "Ruleset",
    "Severity",
    "StrategyText",
]


class QcResultId(EntityId):
    """One QC evaluation of a creative set."""


class Ruleset(str, Enum):
    """The rule set applied."""

    V1 = "v1"


class Severity(str, Enum):
    """How bad a finding is; weights 30/10/3/5 in the ruleset score (L-18)."""

    BLOCKER = "BLOCKER"
    MAJOR = "MAJOR"
    MINOR = "MINOR"
    WARN = "WARN"


class FindingRule(str, Enum):
    """The rule that produced a finding."""

    CAPTION_LENGTH = "caption_length"
    BANNED_CLAIM = "banned_claim"
    GENERICITY = "genericity"
    CLICHE = "cliche"
    DUPLICATE_HOOKS = "duplicate_hooks"
    INTAKE_COMPLETENESS = "intake_completeness"


class QcStatus(str, Enum):
    """A score's band: a ruleset status (L-18) or a document status (L-16)."""

    PASS = "PASS"
    WARN = "WARN"
    FAIL = "FAIL"


class QcVerdict(str, Enum):
    """The project verdict (L-18b), named as the project states it leads to."""

    QC_APPROVED = "QC_APPROVED"
    QC_FAILED = "QC_FAILED"


class DocumentSection(str, Enum):
    """A scored section of the strategy document, with its word bounds (L-16)."""

    OVERVIEW = "overview"
    STRATEGY = "strategy"
    CALENDAR = "calendar"


class Deduction(str, Enum):
    """A reason points were taken off a document score (L-16)."""

    STRUCTURE = "structure"
    PLACEHOLDERS = "placeholders"
    CLICHES = "cliches"
    WORD_COUNT = "word_count"


class Finding(ContractModel):
    """One problem a rule found."""

    rule: FindingRule
    """The rule."""
    severity: Severity
    """How bad."""
    message: str
    """What was found, in legacy wording, e.g. "cliché 'leverage'"."""


class PillarText(ContractModel):
    """A strategy pillar as QC reads it."""

    name: str
    """The pillar's name."""
    description: str
    """The pillar's text."""


class StrategyText(ContractModel):
    """The parts of the strategy document QC scores (L-16b), in QC's own terms."""

    executive_summary: str
    """The summary (overview section)."""
    situation_analysis: str
    """The situation (overview section)."""
    strategy_narrative: str
    """The narrative (strategy section)."""
    pillars: tuple[PillarText, ...]
    """The pillars (strategy section)."""


class DocumentText(ContractModel):
    """A text to score as one section of a document."""

    section: DocumentSection
    """Which section's bounds apply."""
    text: str
    """The markdown text."""


class QcRequest(ContractModel):
    """Everything one QC evaluation of a project looks at."""

    client_id: ClientId
    """The client."""
    creative_set: CreativeSet
    """The creatives to check."""
    calendar: ContentCalendar
    """The calendar to check and score."""
    strategy: StrategyText
    """The strategy text to score."""
    missing_intake_fields: tuple[str, ...] = ()
    """The required intake fields the client left empty (onboarding's completeness check)."""


class CreativeCheck(ContractModel):
    """One creative's QC result (L-17, L-18)."""

    creative_id: CreativeId
    """The creative."""
    position: int = Field(ge=0)
    """Its place in the set."""
    platform: Platform
    """Its platform."""
    pillar_index: int = Field(ge=0)
    """Its pillar."""
    score: int = Field(ge=0, le=100)
    """The ruleset score."""
    status: QcStatus
    """FAIL with a blocker, WARN with any other finding, else PASS."""
    passed: bool
    """Score 70 or more and no blocker."""
    findings: tuple[Finding, ...]
    """What was found."""


class CalendarCheck(ContractModel):
    """The calendar's QC result (L-17)."""

    duplicate_hook_share: float = Field(ge=0, le=1)
    """Share of days whose hook repeats another day's, rounded to 4 places."""
    findings: tuple[Finding, ...]
    """A MAJOR duplicate_hooks finding at 30% or more."""


class DocumentScore(ContractModel):
    """The score of one document section (L-16, Q-07, Q-08)."""

    section: DocumentSection
    """The section."""
    score: int = Field(ge=0, le=100)
    """100 minus the deductions."""
    status: QcStatus
    """PASS at 80 or more, WARN at 60, else FAIL."""
    word_count: int = Field(ge=0)
    """Words in the section."""
    placeholders: int = Field(ge=0)
    """Placeholders counted (Q-08 counts "our X" too)."""
    cliches: tuple[str, ...]
    """Clichés found."""
    deductions: dict[Deduction, int]
    """Points taken off, by reason; only the reasons that applied."""


class DocumentScores(ContractModel):
    """The strategy document's three sections, reported but never gating (L-16b)."""

    overview: DocumentScore
    """Summary and situation."""
    strategy: DocumentScore
    """Narrative and pillars."""
    calendar: DocumentScore
    """The rendered calendar."""


class QcResult(ContractModel):
    """One QC evaluation of a project: per creative, calendar, documents, intake and the verdict."""

    qc_result_id: QcResultId
    """This evaluation."""
    client_id: ClientId
    """The client."""
    creative_set_id: CreativeSetId
    """The set evaluated."""
    ruleset: Ruleset
    """The rules applied."""
    verdict: QcVerdict
    """QC_APPROVED when every creative passes and the calendar has no MAJOR finding."""
    creatives: tuple[CreativeCheck, ...]
    """Per creative, in position order."""
    calendar: CalendarCheck
    """The calendar check."""
    documents: DocumentScores
    """The document scores."""
    intake_findings: tuple[Finding, ...]
    """A BLOCKER per missing intake field; never gating (L-03)."""
    evaluated_at: AwareDatetime
    """When."""
