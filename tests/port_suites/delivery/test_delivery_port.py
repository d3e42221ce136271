"""DeliveryPort contract: the gate, the package, reading it back."""
from __future__ import annotations

import pytest

from aicmo.delivery.api import DeliveryGateClosed, DeliveryRequest, PackageNotFound
from aicmo.strangler.routes import Route
from tests.port_suites.builders import UNKNOWN

pytestmark = pytest.mark.aicmo_evidence(module="delivery", suite="contract")


def request_for(ports, outcome, state: str) -> DeliveryRequest:
    return DeliveryRequest(
        client_id=outcome.project.client_id, client_name=outcome.project.name, project_state=state,
        strategy_markdown=ports.strategy.render_markdown(outcome.strategy.strategy_id).markdown,
        creative_set=outcome.creatives, calendar=outcome.calendar, review=outcome.review, out_dir="again",
    )


def test_the_gate_passes_an_approved_project(ports, outcome):
    """QC_APPROVED and an approved package pass the gate (L-22)."""
    assert (True, ()) == tuple(ports.delivery.check_gate(request_for(ports, outcome, "QC_APPROVED")).model_dump().values())


def test_the_gate_names_a_project_not_approved(ports, outcome):
    """A QC_FAILED project fails the gate with the state named."""
    check = ports.delivery.check_gate(request_for(ports, outcome, "QC_FAILED"))
    assert (False, "project state is QC_FAILED, not QC_APPROVED") == (check.passed, check.problems[0])


def on_new_path(ports) -> bool:
    route = getattr(ports.delivery, "route", None)
    return route is not None and route() is Route.NEW


def test_the_package_holds_the_strategy_the_creatives_and_the_calendar(ports, outcome):
    """strategy.md, one file per delivered creative, calendar.csv (L-21); named after the brand's slug, and
    on the new path the project's id too (the declared divergence unique_package_name)."""
    names = [f.name for f in outcome.package.manifest.files]
    assert ("strategy.md", "calendar.csv", len(outcome.package.delivered_creative_ids)) == (names[0], names[-1], len(names) - 2)
    unique = f"helix-analytics-gmbh-{outcome.project.client_id}.zip"
    assert (unique if on_new_path(ports) else "helix-analytics-gmbh.zip") == outcome.package.file_name
    assert outcome.package.path.endswith(outcome.package.file_name)


def test_get_package_reads_back_the_package(ports, outcome):
    """The package read back equals the delivered one."""
    assert outcome.package == ports.delivery.get_package(outcome.package.package_id)


def test_an_enforced_gate_refuses_delivery(ports, outcome, monkeypatch):
    """With the gate enforced (AICMO_E2E_MODE=1) a failing gate is DeliveryGateClosed (L-22, Q-11)."""
    monkeypatch.setenv("AICMO_E2E_MODE", "1")
    with pytest.raises(DeliveryGateClosed):
        ports.delivery.deliver_package(request_for(ports, outcome, "QC_FAILED"), "again")


def test_an_unknown_package_is_not_found(ports):
    """PackageNotFound for an unknown id."""
    with pytest.raises(PackageNotFound):
        ports.delivery.get_package(UNKNOWN)
