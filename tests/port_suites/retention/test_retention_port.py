"""RetentionPort contract: assess a client, read assessments back."""
from __future__ import annotations

import datetime as dt

import pytest

from aicmo.retention.api import AssessmentNotFound, LifecycleStage, RetentionSignals
from tests.port_suites.builders import NOW, UNKNOWN

pytestmark = pytest.mark.aicmo_evidence(module="retention", suite="contract")


def test_a_fresh_delivery_is_an_active_client(outcome):
    """Engaged today and delivered: active (L-30)."""
    assert (0, LifecycleStage.ACTIVE) == (outcome.retention.days_since_engagement, outcome.retention.lifecycle_stage)


def test_a_client_silent_for_200_days_has_churned(ports, outcome):
    """More than 120 days without engagement is churned (L-30)."""
    signals = RetentionSignals(client_id=outcome.project.client_id, last_engagement_at=NOW - dt.timedelta(days=200),
                               billing=outcome.billing, report=outcome.report, last_proposal=outcome.proposal,
                               delivered=True, client_rejections=0, approved_in_first_round=False)
    assessment = ports.retention.assess_retention(signals, "again")
    assert (200, LifecycleStage.CHURNED) == (assessment.days_since_engagement, assessment.lifecycle_stage)


def test_assessments_are_read_back_by_id_and_as_the_latest(ports, outcome):
    """get_assessment and latest_assessment return the assessment."""
    assessment = outcome.retention
    assert (assessment, assessment) == (
        ports.retention.get_assessment(assessment.assessment_id), ports.retention.latest_assessment(assessment.client_id)
    )


def test_an_unknown_assessment_is_not_found(ports):
    """AssessmentNotFound for an unknown id."""
    with pytest.raises(AssessmentNotFound):
        ports.retention.get_assessment(UNKNOWN)


def test_a_client_never_assessed_has_no_latest_assessment(ports):
    """AssessmentNotFound for a client never assessed."""
    with pytest.raises(AssessmentNotFound):
        ports.retention.latest_assessment(UNKNOWN)
