"""Shared fixtures for the legacy characterization tests in tests/unit (not tests/unit/cam).

Nothing here is autouse: each legacy test module opts in with
``pytestmark = pytest.mark.usefixtures("legacy_env")`` or by asking for ``db``.
"""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any, Callable

import pytest

from aicmo.domain import ClientIntake
from backend.db import session as db_session
from backend.llm.client import LLMClient, set_llm_client
from backend.llm.templates import TemplateProvider

FROZEN_NOW = "2026-01-15T10:00:00Z"

DEMO_INTAKE: dict[str, Any] = {
    "brand_name": "Northwind Coffee Roasters",
    "website": "https://northwind-coffee.example",
    "industry": "Specialty coffee",
    "geography": "UK",
    "product_service": "Single-origin coffee subscriptions",
    "offers": ["First bag free", "Office subscription plans"],
    "target_audiences": ["Remote workers", "Small offices"],
    "primary_customer": "Remote workers who brew at home",
    "pain_points": ["Stale supermarket coffee", "No time to find good beans", "Unclear sourcing"],
    "desired_outcomes": ["More monthly subscribers", "Repeat orders", "Office plan sign-ups"],
    "primary_goal": "sales",
    "timeline": "90 days",
    "budget": "5000 GBP per month",
    "constraints": "No discounts above 20%",
    "must_include": "Roast dates on every bag",
    "do_not_do": "Do not mention competitors",
    "pack": "strategy_campaign",
    "contact_email": "hello@northwind-coffee.example",
}


class FakeProvider:
    """A provider that answers from a table (str or callable) and records every call.

    A task missing from the table answers "" so the client falls through to the next provider.
    """

    name = "fake"

    def __init__(self, answers: dict[str, Any] | None = None):
        self.answers = dict(answers or {})
        self.calls: list[tuple[str, str, dict[str, Any]]] = []

    def complete(self, task: str, prompt: str, context: dict[str, Any]) -> str:
        self.calls.append((task, prompt, context))
        answer = self.answers.get(task, "")
        return answer(context) if callable(answer) else answer

    def calls_for(self, task: str) -> list[tuple[str, str, dict[str, Any]]]:
        return [c for c in self.calls if c[0] == task]


@pytest.fixture
def legacy_env(monkeypatch):
    """Template LLM provider, no E2E mode, the default review share; restored afterwards."""
    monkeypatch.delenv("AICMO_E2E_MODE", raising=False)
    monkeypatch.delenv("AICMO_REVIEW_CHANGE_SHARE", raising=False)
    monkeypatch.delenv("AICMO_OUTPUT_DIR", raising=False)
    set_llm_client(None)
    yield
    set_llm_client(None)


@pytest.fixture
def fake_llm(legacy_env) -> Callable[..., FakeProvider]:
    """Install a FakeProvider in front of the template provider; returns it for inspection."""

    def install(answers: dict[str, Any] | None = None, fallback: bool = True) -> FakeProvider:
        provider = FakeProvider(answers)
        chain = [provider, TemplateProvider()] if fallback else [provider]
        set_llm_client(LLMClient(chain))
        return provider

    return install


@pytest.fixture
def fresh_db(legacy_env):
    """The global engine pointed at an in-memory database; back to the environment afterwards."""
    db_session.configure("sqlite://")
    yield
    db_session.configure(None)


@pytest.fixture
def db(fresh_db):
    """A session of the in-memory global engine."""
    session = db_session.SessionLocal()
    yield session
    session.close()


@pytest.fixture
def demo_intake() -> dict[str, Any]:
    return {k: (list(v) if isinstance(v, list) else v) for k, v in DEMO_INTAKE.items()}


@pytest.fixture
def make_project(db):
    """Onboard, draft the strategy and produce creatives + calendar in the ``db`` session."""
    from backend.services.onboarding import create_client
    from backend.services.production import produce_calendar, produce_creatives
    from backend.services.strategy import draft_strategy

    def build(**overrides: Any) -> SimpleNamespace:
        data = {**DEMO_INTAKE, **overrides}
        intake = ClientIntake.from_request(data)
        brief = intake.to_brief()
        campaign = create_client(db, intake)
        strategy, errors = draft_strategy(brief)
        creatives = produce_creatives(db, campaign, brief, strategy)
        calendar = produce_calendar(intake.pack, strategy)
        return SimpleNamespace(
            session=db,
            intake=intake,
            brief=brief,
            campaign=campaign,
            strategy=strategy,
            errors=errors,
            creatives=creatives,
            calendar=calendar,
        )

    return build
