"""Delivery (spec section 6): the zip, its gate, and what the packager writes elsewhere."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from aicmo.domain import ProjectState
from backend.services import client_review
from backend.services.delivery import (
    DeliveryGateError,
    gate_problems,
    package_delivery,
    slugify,
)
from backend.services.qc import evaluate_project
from tests.characterization import corpus
from tests.characterization.builders import build_project

pytestmark = [pytest.mark.aicmo_evidence(module="delivery", suite="characterization"), pytest.mark.legacy_internals("qc", "client_review", "delivery", "domain")]


def test_archive_names_are_slugified_brands(snapshot_json):
    """L-21: lower case, every non-alphanumeric character becomes "-"."""
    brands = sorted({item["data"].get("brand_name") or "Unknown" for item in corpus.intakes()})
    assert snapshot_json == {b: slugify(b) for b in brands}


def _project_at(session, state: str, review: str | None, intake_id: str = "complete_uk_strategy_sales"):
    project = build_project(session, intake_id)
    evaluate_project(session, project.intake, project.strategy, project.creatives, project.calendar)
    project.campaign.project_state = state
    if review:
        client_review.record_feedback(session, project.campaign, project.creatives, review)
    session.flush()
    return project


def _zip_listing(path: str) -> dict:
    with open(path, "rb") as handle:
        data = handle.read()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            info.filename: {"date_time": list(info.date_time), "text": archive.read(info).decode("utf-8")}
            for info in archive.infolist()
        }


@pytest.mark.parametrize(
    "state, review",
    [("QC_APPROVED", "approved"), ("QC_FAILED", "approved"), ("QC_APPROVED", "changes_requested"), ("CREATIVE_GENERATED", None)],
)
def test_the_gate_and_the_package_outside_e2e_mode(state, review, legacy_session, db_effects, snapshot_json):
    """L-22/Q-11 the gate only warns; Q-12 rows DELIVERED + delivery invoice; Q-24 QC_FAILED -> DELIVERED."""
    project = _project_at(legacy_session, state, review)
    result, effects = db_effects(
        lambda: package_delivery(
            legacy_session, project.campaign, project.strategy, project.creatives, project.calendar,
            project.intake.geography, "out",
        ),
        legacy_session,
    )
    assert snapshot_json == {"result": result, "effects": effects, "zip": _zip_listing(result["path"])}


@pytest.mark.parametrize("state, review", [("QC_FAILED", "approved"), ("QC_APPROVED", None)])
def test_the_gate_refuses_in_e2e_mode(state, review, legacy_session, memory_db, monkeypatch, snapshot_json):
    """L-22: with AICMO_E2E_MODE=1 an unapproved package raises and nothing is written."""
    monkeypatch.setenv("AICMO_E2E_MODE", "1")
    project = _project_at(legacy_session, state, review)
    before = memory_db.dump(legacy_session)
    with pytest.raises(DeliveryGateError) as refused:
        package_delivery(legacy_session, project.campaign, project.strategy, project.creatives, project.calendar, "UK", "out")
    legacy_session.flush()
    assert before == memory_db.dump(legacy_session)
    assert not Path("out").exists()
    assert snapshot_json == {"error": str(refused.value), "problems": gate_problems(project.campaign, project.creatives)}


def test_an_approved_project_passes_the_gate_in_e2e_mode(legacy_session, monkeypatch, snapshot_json):
    """L-22: QC_APPROVED and client approval deliver in E2E mode; a second delivery adds no invoice."""
    monkeypatch.setenv("AICMO_E2E_MODE", "1")
    project = _project_at(legacy_session, ProjectState.QC_APPROVED.value, "approved", "quick_social_in_sales")
    first = package_delivery(legacy_session, project.campaign, project.strategy, project.creatives, project.calendar, "IN", "out")
    second = package_delivery(legacy_session, project.campaign, project.strategy, project.creatives, project.calendar, "IN")
    assert snapshot_json == {"first": first, "second_invoice": second["delivery_invoice_id"], "second_path": second["path"]}
