"""void_result: QC's compensation of evaluate_creative_set, on legacy and on QC's own tables."""
from __future__ import annotations

import pytest

from aicmo.qc.api import PillarText, QcRequest, QcResultNotFound, StrategyText
from aicmo.shared.compensation import CompensationStatus
from tests.port_suites.builders import UNKNOWN

pytestmark = pytest.mark.aicmo_evidence(module="qc", suite="contract")


def evaluate_again(ports, outcome, key: str):
    document = outcome.drafted.document
    request = QcRequest(client_id=outcome.project.client_id, creative_set=outcome.creatives, calendar=outcome.calendar,
                        strategy=StrategyText(executive_summary=document.executive_summary,
                                              situation_analysis=document.situation_analysis,
                                              strategy_narrative=document.strategy_narrative,
                                              pillars=tuple(PillarText(name=p.name, description=p.description) for p in document.pillars)))
    return ports.qc.evaluate_creative_set(request, key)


def test_a_voided_result_is_no_longer_served(ports, outcome):
    """get_result no longer finds it, and latest_result gives the evaluation before it."""
    before = outcome.qc_rounds[-1]
    last = evaluate_again(ports, outcome, "again")
    result = ports.qc.void_result(last.qc_result_id, "void")
    assert (CompensationStatus.COMPENSATED, (str(last.qc_result_id),)) == (result.status, result.undone)
    with pytest.raises(QcResultNotFound):
        ports.qc.get_result(last.qc_result_id)
    assert before == ports.qc.latest_result(last.creative_set_id)


def test_a_set_whose_every_result_is_voided_was_never_evaluated(ports, outcome):
    """With every round voided, latest_result is QcResultNotFound."""
    for number, round_result in enumerate(outcome.qc_rounds):
        ports.qc.void_result(round_result.qc_result_id, f"void:{number}")
    with pytest.raises(QcResultNotFound):
        ports.qc.latest_result(outcome.creatives.creative_set_id)


def test_a_new_evaluation_after_a_voided_one_takes_the_next_round(ports, outcome):
    """A voided round keeps its number: the next evaluation gets a new id, served again."""
    voided = outcome.qc_rounds[-1]
    ports.qc.void_result(voided.qc_result_id, "void")
    again = evaluate_again(ports, outcome, "again")
    assert again.qc_result_id != voided.qc_result_id
    assert again == ports.qc.latest_result(voided.creative_set_id)


def test_voiding_twice_voids_once(ports, outcome):
    """The same key answers as the first call; another key finds it ALREADY_COMPENSATED."""
    result_id = outcome.qc_rounds[-1].qc_result_id
    first = ports.qc.void_result(result_id, "void")
    assert first == ports.qc.void_result(result_id, "void")
    assert CompensationStatus.ALREADY_COMPENSATED is ports.qc.void_result(result_id, "void-again").status


def test_voiding_an_unknown_result_is_a_no_op(ports):
    """A result that was never stored: NOTHING_TO_COMPENSATE, not an error."""
    assert CompensationStatus.NOTHING_TO_COMPENSATE is ports.qc.void_result(UNKNOWN, "void").status
