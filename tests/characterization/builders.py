"""Legacy objects built from the corpus the way the operator flow builds them."""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from aicmo.domain import ClientIntake
from tests.characterization import corpus


def build_project(session: Any, intake_id: str) -> SimpleNamespace:
    """Onboard an intake, draft its strategy, produce its creatives (flushed) and calendar."""
    from backend.services.onboarding import create_client
    from backend.services.production import produce_calendar, produce_creatives
    from backend.services.strategy import draft_strategy

    intake = ClientIntake.from_request(corpus.intake(intake_id))
    brief = intake.to_brief()
    campaign = create_client(session, intake)
    strategy, errors = draft_strategy(brief)
    creatives = produce_creatives(session, campaign, brief, strategy)
    calendar = produce_calendar(intake.pack, strategy)
    return SimpleNamespace(
        intake=intake, brief=brief, campaign=campaign, strategy=strategy, errors=errors,
        creatives=creatives, calendar=calendar,
    )
