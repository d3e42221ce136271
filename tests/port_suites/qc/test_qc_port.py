"""QcPort contract: evaluate a set, check a creative, score a document, read results."""
from __future__ import annotations

import pytest

from aicmo.production.api import Creative, CreativeSetNotFound
from aicmo.qc.api import (
    DocumentSection,
    DocumentText,
    PillarText,
    QcRequest,
    QcResultNotFound,
    QcVerdict,
    Severity,
    StrategyText,
)
from tests.port_suites.builders import UNKNOWN

pytestmark = pytest.mark.aicmo_evidence(module="qc", suite="contract")


def test_the_verdict_follows_the_creatives_and_the_calendar(outcome):
    """QC_APPROVED exactly when every creative passes and the calendar has no MAJOR finding (L-18b)."""
    result = outcome.qc_rounds[0]
    clean = all(c.passed for c in result.creatives) and not any(f.severity is Severity.MAJOR for f in result.calendar.findings)
    assert (QcVerdict.QC_APPROVED if clean else QcVerdict.QC_FAILED) == result.verdict


def test_evaluate_checks_every_creative_of_the_set(outcome):
    """One check per creative, in set order."""
    expected = [c.creative_id for c in outcome.creatives.creatives]
    assert expected == [c.creative_id for c in outcome.qc_rounds[0].creatives]


def test_results_are_read_back_by_id_and_as_the_latest(ports, outcome):
    """get_result returns each round; latest_result the last one."""
    last = outcome.qc_rounds[-1]
    assert (last, last) == (ports.qc.get_result(last.qc_result_id), ports.qc.latest_result(last.creative_set_id))


def test_check_creative_blocks_a_banned_claim(ports, outcome):
    """A "guaranteed" caption is a BLOCKER and fails (L-17, L-18)."""
    creative: Creative = outcome.creatives.creatives[0]
    check = ports.qc.check_creative(creative.model_copy(update={"caption": "Results guaranteed for every customer, every time."}))
    assert (False, True) == (check.passed, any(f.severity is Severity.BLOCKER for f in check.findings))


def test_score_document_deducts_structure_and_length(ports):
    """A short text without a heading loses the structure and word-count points (L-16)."""
    score = ports.qc.score_document(DocumentText(section=DocumentSection.OVERVIEW, text="Just a few words."))
    assert (70, {"structure", "word_count"}) == (score.score, {d.value for d in score.deductions})


def test_an_unknown_result_is_not_found(ports):
    """QcResultNotFound for an unknown result id."""
    with pytest.raises(QcResultNotFound):
        ports.qc.get_result(UNKNOWN)


def test_a_set_never_evaluated_has_no_latest_result(ports):
    """QcResultNotFound for a set never evaluated."""
    with pytest.raises(QcResultNotFound):
        ports.qc.latest_result(UNKNOWN)


def test_evaluate_creative_set_again_gives_a_new_result_with_the_same_findings(ports, outcome):
    """A second evaluation of the unchanged set is a new result with the same checks."""
    first = outcome.qc_rounds[-1]
    request = QcRequest(client_id=first.client_id, creative_set=outcome.creatives, calendar=outcome.calendar,
                        strategy=StrategyText(executive_summary=outcome.drafted.document.executive_summary,
                                              situation_analysis=outcome.drafted.document.situation_analysis,
                                              strategy_narrative=outcome.drafted.document.strategy_narrative,
                                              pillars=tuple(PillarText(name=p.name, description=p.description)
                                                            for p in outcome.drafted.document.pillars)))
    again = ports.qc.evaluate_creative_set(request, "again")
    assert (True, first.creatives) == (again.qc_result_id != first.qc_result_id, again.creatives)


def test_evaluating_an_unknown_set_is_not_found(ports, outcome):
    """CreativeSetNotFound when the set names nothing production holds."""
    unknown = outcome.creatives.model_copy(update={"creative_set_id": UNKNOWN})
    request = QcRequest(client_id=outcome.project.client_id, creative_set=unknown, calendar=outcome.calendar,
                        strategy=StrategyText(executive_summary="", situation_analysis="", strategy_narrative="", pillars=()))
    with pytest.raises(CreativeSetNotFound):
        ports.qc.evaluate_creative_set(request, "unknown")
