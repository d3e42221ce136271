"""QC's domain objects as the contract DTOs of aicmo.qc.api."""
from __future__ import annotations

from aicmo.qc.api import (
    CalendarCheck as CalendarCheckDto,
    CreativeCheck as CreativeCheckDto,
    DocumentScore as DocumentScoreDto,
    DocumentScores,
    DocumentSection,
    Finding as FindingDto,
    QcResult,
    Ruleset,
)
from aicmo.qc.internal.model import CalendarCheck, CreativeCheck, DocumentScore, Evaluation, Finding

__all__ = ["check_dto", "document_score_dto", "result_dto"]

# QcResult.calendar documents the share "rounded to 4 places", as legacy reports it
_SHARE_PLACES = 4


def _findings(findings: tuple[Finding, ...]) -> tuple[FindingDto, ...]:
    return tuple(FindingDto(rule=f.rule, severity=f.severity, message=f.message) for f in findings)


def check_dto(check: CreativeCheck) -> CreativeCheckDto:
    return CreativeCheckDto(
        creative_id=check.creative_id,
        position=check.position,
        platform=check.platform,
        pillar_index=check.pillar_index,
        score=check.score,
        status=check.status,
        passed=check.passed,
        findings=_findings(check.findings),
    )


def document_score_dto(score: DocumentScore) -> DocumentScoreDto:
    return DocumentScoreDto(
        section=score.section,
        score=score.score,
        status=score.status,
        word_count=score.word_count,
        placeholders=score.placeholders,
        cliches=score.cliches,
        deductions=dict(score.deductions),
    )


def _calendar_dto(calendar: CalendarCheck) -> CalendarCheckDto:
    return CalendarCheckDto(duplicate_hook_share=round(calendar.duplicate_hook_share, _SHARE_PLACES),
                            findings=_findings(calendar.findings))


def result_dto(evaluation: Evaluation) -> QcResult:
    documents = {section: document_score_dto(score) for section, score in evaluation.documents.items()}
    return QcResult(
        qc_result_id=evaluation.qc_result_id,
        client_id=evaluation.client_id,
        creative_set_id=evaluation.creative_set_id,
        ruleset=Ruleset.V1,
        verdict=evaluation.verdict,
        creatives=tuple(check_dto(c) for c in evaluation.creatives),
        calendar=_calendar_dto(evaluation.calendar),
        documents=DocumentScores(
            overview=documents[DocumentSection.OVERVIEW],
            strategy=documents[DocumentSection.STRATEGY],
            calendar=documents[DocumentSection.CALENDAR],
        ),
        intake_findings=_findings(evaluation.intake_findings),
        evaluated_at=evaluation.evaluated_at,
    )
