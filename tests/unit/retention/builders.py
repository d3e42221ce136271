"""Signals for the retention tests, from a client journey on the legacy ports."""
from __future__ import annotations

import datetime as dt

from aicmo.orchestration import bootstrap
from aicmo.orchestration.journey import JourneyOutcome, run_client_journey
from aicmo.retention.api import RetentionSignals
from tests.port_suites.builders import INTAKE, NOW


def legacy_journey() -> JourneyOutcome:
    return run_client_journey(bootstrap.legacy_ports(), INTAKE, out_dir="out")


def signals_of(outcome: JourneyOutcome, *, days_silent: int = 0, rejections: int = 0, overdue: int = 0, delivered: bool = True,
               approved_in_first_round: bool = True) -> RetentionSignals:
    return RetentionSignals(client_id=outcome.project.client_id, last_engagement_at=NOW - dt.timedelta(days=days_silent),
                            billing=outcome.billing.model_copy(update={"overdue_count": overdue}), report=outcome.report, last_proposal=outcome.proposal,
                            delivered=delivered, client_rejections=rejections, approved_in_first_round=approved_in_first_round)
