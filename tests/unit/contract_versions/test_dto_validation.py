"""Contract DTOs refuse bad values with a message that names the field and the problem."""
from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from pydantic import ValidationError

from aicmo.billing.api import InvoiceLine, PaymentRequest
from aicmo.cam.api import InboundReply, LeadProfile, RevenueRange
from aicmo.client_review.api import Feedback, RevisionPlan
from aicmo.onboarding.api import ClientIntake, ProjectState
from aicmo.qc.api import Finding
from aicmo.reporting.api import ReportPeriod
from aicmo.shared.events import IntegrationEvent
from aicmo.shared.ids import ClientId
from aicmo.shared.money import Money
from aicmo.strategy.api import StrategyDocument, StrategyId

LEGACY_ID = "9450d573-ba44-400e-9c2f-a04a591036a8"
NOW = dt.datetime(2026, 1, 15, 10, tzinfo=dt.timezone.utc)


def error_text(excinfo) -> str:
    return str(excinfo.value)


def test_a_typed_id_accepts_a_legacy_uuid_string():
    """A legacy str(uuid4()) is a valid id, kept as the same string."""
    event = IntegrationEvent(event_id=LEGACY_ID, occurred_at=NOW, correlation_id=LEGACY_ID)
    assert LEGACY_ID == event.event_id
    assert LEGACY_ID == event.model_dump(mode="json")["event_id"]


def test_a_typed_id_accepts_a_uuid_object():
    """A uuid.UUID converts to its canonical string."""
    assert LEGACY_ID == ClientId.parse(uuid.UUID(LEGACY_ID))


@pytest.mark.parametrize("bad", ["", "42", "INV-9450D573-SIG", "9450d573ba44400e9c2fa04a591036a8", 42])
def test_a_typed_id_refuses_what_is_not_a_uuid_string(bad):
    """The message names the id kind and the offending value."""
    with pytest.raises(ValidationError) as excinfo:
        PaymentRequest(invoice_id=bad, payment=Money(amount=Decimal("1"), currency="USD"))
    assert "InvoiceId" in error_text(excinfo)
    assert "invoice_id" in error_text(excinfo)


def test_one_id_kind_is_not_accepted_for_another():
    """A StrategyId handed over where an InvoiceId is expected is refused."""
    with pytest.raises(ValidationError) as excinfo:
        PaymentRequest(invoice_id=StrategyId(LEGACY_ID), payment=Money(amount=Decimal("1"), currency="USD"))
    assert "expected an InvoiceId, got a StrategyId" in error_text(excinfo)


@pytest.mark.parametrize(("amount", "expected"), [(15125.0, Decimal("15125.0")), ("0.10", Decimal("0.10")), (3, Decimal(3))])
def test_money_accepts_what_is_decimal_able(amount, expected):
    """Floats (read through their repr), numeric strings and ints become exact Decimals."""
    assert expected == InvoiceLine(description="Strategy (25%)", amount=amount).amount


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (-0.01, "greater than or equal to 0"),
        ("ten", "valid decimal"),
        (float("nan"), "finite"),
        ("Infinity", "finite"),
    ],
)
def test_money_refuses_negative_and_non_numeric_amounts(amount, message):
    """An amount must be a finite, non-negative decimal."""
    with pytest.raises(ValidationError) as excinfo:
        InvoiceLine(description="Strategy", amount=amount)
    assert "amount" in error_text(excinfo)
    assert message in error_text(excinfo)


def test_a_currency_is_an_iso_code():
    """usd or dollars are not currency codes."""
    with pytest.raises(ValidationError) as excinfo:
        Money(amount=Decimal("1"), currency="usd")
    assert "currency" in error_text(excinfo)


def test_a_naive_datetime_is_refused():
    """Times crossing a boundary carry their timezone."""
    with pytest.raises(ValidationError) as excinfo:
        InboundReply(email="a@b.example", received_at=dt.datetime(2026, 1, 15, 10))
    assert "received_at" in error_text(excinfo)
    assert "timezone" in error_text(excinfo)


def test_an_unknown_field_is_refused():
    """extra="forbid": a misspelt field is an error, not silently dropped."""
    with pytest.raises(ValidationError) as excinfo:
        ClientIntake(brand="Acme")
    assert "brand" in error_text(excinfo)
    assert "Extra inputs are not permitted" in error_text(excinfo)


def test_dtos_are_immutable():
    """frozen=True: a DTO cannot be changed after it was built."""
    intake = ClientIntake(brand_name="Acme")
    with pytest.raises(ValidationError):
        intake.brand_name = "Other"


def test_a_closed_set_refuses_an_unknown_value_and_lists_the_allowed_ones():
    """An enum field names the values it accepts."""
    with pytest.raises(ValidationError) as excinfo:
        ClientIntake(pack="enterprise")
    assert "'quick_social', 'strategy_campaign' or 'full_funnel'" in error_text(excinfo)


def test_legacy_project_states_are_representable():
    """STRATEGY_DRAFT (Q-02) and REJECTED (Q-10) are values of ProjectState."""
    assert {"STRATEGY_DRAFT", "REJECTED"} <= {state.value for state in ProjectState}


def test_a_strategy_has_exactly_three_pillars():
    """L-05: fewer or more pillars are refused."""
    pillar = {"name": "P", "description": "D", "kpi_impact": "K"}
    base = {
        "executive_summary": "s",
        "situation_analysis": "a",
        "strategy_narrative": "n",
        "kpis": [],
        "channels": [],
        "timeline": "t",
    }
    assert 3 == len(StrategyDocument(**base, pillars=[pillar] * 3).pillars)
    with pytest.raises(ValidationError) as excinfo:
        StrategyDocument(**base, pillars=[pillar] * 2)
    assert "pillars" in error_text(excinfo)


def test_a_qc_finding_needs_a_known_rule_and_severity():
    """Findings carry rule, severity and message; an unknown severity is refused."""
    finding = Finding(rule="cliche", severity="WARN", message="cliché 'leverage'")
    assert ("cliche", "WARN") == (finding.rule.value, finding.severity.value)
    with pytest.raises(ValidationError) as excinfo:
        Finding(rule="cliche", severity="CRITICAL", message="x")
    assert "severity" in error_text(excinfo)


def test_a_revision_plan_is_in_half_hours():
    """L-20: estimated hours are a multiple of 0.5."""
    assert Decimal("2.5") == RevisionPlan(estimated_hours="2.5", changes=()).estimated_hours
    with pytest.raises(ValidationError) as excinfo:
        RevisionPlan(estimated_hours="2.25", changes=())
    assert "estimated_hours" in error_text(excinfo)


def test_requested_changes_need_every_part():
    """A change without its section is refused."""
    with pytest.raises(ValidationError) as excinfo:
        Feedback(decision="changes_requested", changes=[{"section": "", "change": "c", "priority": "high"}])
    assert "section" in error_text(excinfo)


def test_ranges_are_ordered():
    """A revenue range or a report period that ends before it starts is refused."""
    with pytest.raises(ValidationError) as excinfo:
        RevenueRange(low=10, high=5)
    assert "low 10 is above high 5" in error_text(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        ReportPeriod(start=dt.date(2026, 1, 2), end=dt.date(2026, 1, 1))
    assert "starts 2026-01-02 after it ends 2026-01-01" in error_text(excinfo)


def test_a_lead_profile_keeps_an_invalid_email_for_qualification_to_judge():
    """Qualification rejects bad addresses (INVALID_EMAIL), so the profile must carry them."""
    assert "not-an-email" == LeadProfile(email="not-an-email").email


def test_an_event_needs_its_envelope():
    """event_id, occurred_at and correlation_id are required; schema_version starts at 1."""
    with pytest.raises(ValidationError) as excinfo:
        IntegrationEvent(occurred_at=NOW)
    assert {"event_id", "correlation_id"} <= {e["loc"][0] for e in excinfo.value.errors()}
    assert 1 == IntegrationEvent(event_id=LEGACY_ID, occurred_at=NOW, correlation_id=LEGACY_ID).schema_version
