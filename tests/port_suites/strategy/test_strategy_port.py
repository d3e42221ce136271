"""StrategyPort contract: draft, validate, approve, reject, read and render the plan."""
from __future__ import annotations

import pytest

from aicmo.strategy.api import StrategyDecisionKind, StrategyNotFound, StrategyStatus
from tests.port_suites.builders import INTAKE, UNKNOWN

pytestmark = pytest.mark.aicmo_evidence(module="strategy", suite="contract")


@pytest.fixture
def drafted(ports):
    project = ports.onboarding.onboard_client(INTAKE, "k1")
    return ports.strategy.draft_strategy(project, "k2")


def test_draft_strategy_has_three_pillars_and_a_status_matching_its_validation(ports, drafted):
    """Three pillars; REJECTED exactly when validation found problems (L-05, L-07)."""
    expected = StrategyStatus.REJECTED if drafted.validation_errors else StrategyStatus.DRAFT
    assert (3, expected) == (len(drafted.document.pillars), drafted.status)


def test_validate_document_refuses_a_short_summary(ports, drafted):
    """A summary under 50 characters is a validation error."""
    short = drafted.document.model_copy(update={"executive_summary": "Too short."})
    assert False is ports.strategy.validate_document(short).valid


def test_validate_document_accepts_the_drafted_plan_when_it_had_no_errors(ports, drafted):
    """Validating the drafted plan gives the drafted errors."""
    assert drafted.validation_errors == ports.strategy.validate_document(drafted.document).errors


def test_approve_strategy_approves_and_records_the_decision(ports, drafted):
    """APPROVED, with an approval decision whose note stamps the project (L-08)."""
    approved = ports.strategy.approve_strategy(drafted.strategy_id, "k3")
    assert (StrategyStatus.APPROVED, StrategyDecisionKind.APPROVED) == (approved.status, approved.decisions[-1].decision)
    assert approved.decisions[-1].project_note in ports.onboarding.get_project(drafted.client_id).description


def test_reject_strategy_rejects_with_the_reason(ports, drafted):
    """REJECTED, with the reason on the decision (L-08)."""
    rejected = ports.strategy.reject_strategy(drafted.strategy_id, "off brand", "k3")
    assert (StrategyStatus.REJECTED, "off brand") == (rejected.status, rejected.decisions[-1].reason)


def test_get_strategy_returns_the_stored_plan(ports, drafted):
    """The plan read back equals the drafted one."""
    assert drafted.document == ports.strategy.get_strategy(drafted.strategy_id).document


def test_render_markdown_heads_the_plan_with_the_brand(ports, drafted):
    """The strategy.md starts with the brand."""
    markdown = ports.strategy.render_markdown(drafted.strategy_id).markdown
    assert f"# Marketing strategy: {INTAKE.brand_name}" == markdown.splitlines()[0]


@pytest.mark.parametrize("call", [
    lambda s: s.get_strategy(UNKNOWN),
    lambda s: s.approve_strategy(UNKNOWN, "k"),
    lambda s: s.reject_strategy(UNKNOWN, "no", "k"),
    lambda s: s.render_markdown(UNKNOWN),
], ids=["get", "approve", "reject", "render"])
def test_an_unknown_strategy_is_not_found(ports, call):
    """StrategyNotFound for an unknown id, whatever the method."""
    with pytest.raises(StrategyNotFound):
        call(ports.strategy)
