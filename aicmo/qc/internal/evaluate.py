"""The evaluation of a project (L-14..L-18b): every creative, the calendar, the documents and the intake."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from aicmo.production.api import ContentCalendar, Creative
from aicmo.qc.api import StrategyText
from aicmo.qc.internal.model import CreativeCheck, Evaluation
from aicmo.qc.internal.rules.calendar_check import check_calendar
from aicmo.qc.internal.rules.creative_findings import creative_findings
from aicmo.qc.internal.rules.document_score import score_document
from aicmo.qc.internal.rules.document_sections import section_texts
from aicmo.qc.internal.rules.intake import intake_findings

__all__ = ["check_creative", "evaluate"]


def check_creative(creative: Creative) -> CreativeCheck:
    return CreativeCheck(
        creative_id=str(creative.creative_id),
        position=creative.position,
        platform=creative.platform.value,
        pillar_index=creative.pillar_index,
        findings=creative_findings(creative.hook, creative.caption),
    )


def evaluate(
    *,
    qc_result_id: str,
    client_id: str,
    creative_set_id: str,
    round_number: int,
    creatives: Sequence[Creative],
    calendar: ContentCalendar,
    strategy: StrategyText,
    missing_intake_fields: Sequence[str],
    evaluated_at: datetime,
) -> Evaluation:
    return Evaluation(
        qc_result_id=qc_result_id,
        client_id=client_id,
        creative_set_id=creative_set_id,
        round_number=round_number,
        creatives=tuple(check_creative(c) for c in creatives),
        calendar=check_calendar([item.hook for item in calendar.items]),
        documents={section: score_document(text, section) for section, text in section_texts(strategy, calendar).items()},
        intake_findings=intake_findings(missing_intake_fields),
        evaluated_at=evaluated_at,
    )
