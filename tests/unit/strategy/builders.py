"""A project, a provider and an onboarding port for the new strategy's tests."""
from __future__ import annotations

import datetime as dt
import json

from aicmo.onboarding.api import ClientBrief, ClientIntake, ClientProject, ProjectState

NOW = dt.datetime(2026, 1, 15, 10, 0, tzinfo=dt.timezone.utc)
CLIENT = "11111111-1111-4111-8111-111111111111"

BRIEF = ClientBrief(
    brand_name="Harbour Lights Bakery", website="https://harbour-lights.example", industry="Artisan Bakery",
    geography="UK", product_service="Sourdough Subscriptions", offers=("First loaf free",),
    target_audiences=("Office managers",), primary_customer="Office managers", pain_points=("Stale bread",),
    desired_outcomes=("Repeat orders",), primary_goal="sales", timeline="60 days", budget="", constraints="",
    must_include="", do_not_do="", pack="strategy_campaign", contact_email="",
)
PROJECT = ClientProject(
    client_id=CLIENT, name="Harbour Lights Bakery", description="Client project for Harbour Lights Bakery",
    state=ProjectState.INTAKE_COMPLETE, pack="strategy_campaign", intake=ClientIntake(brand_name="Harbour Lights Bakery"),
    brief=BRIEF, created_at=NOW - dt.timedelta(days=1),
)
GOOD_PLAN = json.dumps({
    "executive_summary": "A plan that reaches office managers with fresh sourdough every single week.",
    "situation_analysis": "Harbour Lights bakes in a crowded market.",
    "strategy_narrative": "Win the office, then the home.",
    "pillars": [{"name": "Fresh", "description": "Baked daily", "kpi_impact": "Retention +5%"}],
    "kpis": [{"name": "Subscriptions", "target": "250", "unit": "subscribers", "timeframe_days": 60}],
    "timeline": "60 days",
})


class Provider:
    """A text generator answering one text, counting the questions."""

    def __init__(self, answer: str = GOOD_PLAN) -> None:
        self.answer, self.asked = answer, []

    def complete(self, task, prompt, context) -> str:
        self.asked.append((task, prompt, dict(context)))
        return self.answer


class Onboarding:
    """The part of onboarding's port strategy uses: the project, and its notes kept with their keys."""

    def __init__(self) -> None:
        self.notes: dict[str, tuple[str, str]] = {}

    def get_project(self, client_id):
        return PROJECT

    def add_project_note(self, client_id, note, idempotency_key):
        self.notes.setdefault(idempotency_key, (str(client_id), note))
        return PROJECT
