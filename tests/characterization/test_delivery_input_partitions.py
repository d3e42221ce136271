"""Delivery over its input space: brand slugs, the gate under every AICMO_E2E_MODE spelling, the output folder."""
from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import pytest

from aicmo.core import config
from backend.services import client_review
from backend.services.delivery import DeliveryGateError, gate_problems, package_delivery, slugify
from tests.characterization.builders import build_project

pytestmark = [pytest.mark.aicmo_evidence(module="delivery", suite="characterization"), pytest.mark.legacy_internals("client_review", "delivery", "domain")]

BRANDS = [
    "", " ", "  Padded Brand  ", "UPPER lower MiXeD", "Café Ñandú", "İstanbul Kebap", "Straße & Söhne", "日本茶",
    "a/b\\c:d", "..", "--already-slugged--", "emoji 🎉 party", "tab\tand\nnewline", "٣ Arabic-Indic digit",
    "ＦＵＬＬＷＩＤＴＨ", "x" * 3, "123", "Ǆungla",
]


def test_slugs_of_every_shape_of_brand(snapshot_json):
    """L-21: lower() first (unicode case mapping included), then every char outside a-z0-9 becomes one '-' each, nothing trimmed."""
    table = {repr(b): slugify(b) for b in BRANDS}
    assert all(len(slugify(b)) == len(b.lower()) for b in BRANDS)
    assert snapshot_json == table


def test_an_empty_brand_delivers_a_hidden_archive(legacy_session, snapshot_json):
    """L-21: a brand of "" slugs to "", so the archive is named ".zip"."""
    project = build_project(legacy_session, "complete_uk_strategy_sales")
    project.campaign.name = ""
    project.campaign.project_state = "QC_APPROVED"
    client_review.record_feedback(legacy_session, project.campaign, project.creatives, "approved")
    result = package_delivery(legacy_session, project.campaign, project.strategy, project.creatives, project.calendar, None, "out")
    assert Path("out/.zip").is_file()
    assert snapshot_json == {k: result[k] for k in ("file_name", "path", "gate_skipped", "gate_problems")}


def test_repeated_reordered_creatives_and_an_empty_calendar(legacy_session, snapshot_json):
    """L-21: files follow the given creatives' order, a repeated creative is packed twice; no calendar gives a header-only CSV."""
    project = build_project(legacy_session, "complete_uk_strategy_sales")
    project.campaign.project_state = "QC_APPROVED"
    client_review.record_feedback(legacy_session, project.campaign, project.creatives, "approved")
    a, b, c = project.creatives[:3]
    result = package_delivery(legacy_session, project.campaign, project.strategy, [c, a, c, b], [], "EU", "out")
    with zipfile.ZipFile(result["path"]) as archive:
        calendar_text = archive.read("calendar.csv").decode("utf-8")
    assert calendar_text == "day,date,platform,theme,hook,cta\n"
    assert snapshot_json == {"manifest": result["manifest"], "delivered": result["delivered_creative_ids"], "calendar_csv": calendar_text}


E2E_SPELLINGS = [None, "1", "0", "true", "True", "TRUE", "yes", "on", "", " 1", "1 ", "01", "1.0", "\uff11"]
CONDITIONS = {
    "both_met": ("QC_APPROVED", ["approved", "approved"]),
    "qc_failed_only": ("QC_FAILED", ["approved", "approved"]),
    "state_none_only": (None, ["approved", "approved"]),
    "state_lower_case_only": ("qc_approved", ["approved", "approved"]),
    "one_row_unapproved_only": ("QC_APPROVED", ["approved", "changes_requested"]),
    "no_row_reviewed_only": ("QC_APPROVED", [None, None]),
    "no_creatives_only": ("QC_APPROVED", []),
    "both_missing": ("CREATIVE_GENERATED", ["rejected", "approved"]),
    "both_missing_no_creatives": ("QC_FAILED", []),
}


def _setup(session, state, reviews):
    """A project at ``state`` whose creatives carry the given review statuses (all nine, or none)."""
    project = build_project(session, "quick_social_us_engagement")
    project.campaign.project_state = state
    rows = project.creatives[: len(reviews)]
    for row, review in zip(rows, reviews):
        row.review_status = review
    session.flush()
    return project, rows


def _gate_outcomes(session, monkeypatch, caplog, state, reviews, spellings) -> dict:
    """The gate's problems, then per AICMO_E2E_MODE spelling: the refusal or the delivery, and the warning logged."""
    project, rows = _setup(session, state, reviews)
    outcomes = {}
    for spelling in spellings:
        if spelling is None:
            monkeypatch.delenv("AICMO_E2E_MODE", raising=False)
        else:
            monkeypatch.setenv("AICMO_E2E_MODE", spelling)
        assert config.e2e_mode() == (spelling == "1")
        caplog.clear()
        project.campaign.project_state = state
        try:
            with caplog.at_level(logging.WARNING, logger="backend.services.delivery"):
                result = package_delivery(session, project.campaign, project.strategy, rows, project.calendar, "US", "out")
            outcome = {
                "gate_skipped": result["gate_skipped"], "gate_problems": result["gate_problems"],
                "delivered": len(result["delivered_creative_ids"]), "state_after": project.campaign.project_state,
            }
        except DeliveryGateError as exc:
            outcome = {"error": str(exc), "state_after": project.campaign.project_state}
        outcome["log"] = [f"{r.levelname} {r.getMessage()}" for r in caplog.records]
        outcomes[repr(spelling)] = outcome
    return {"problems": gate_problems(project.campaign, rows), "by_spelling": outcomes}


def test_the_gate_under_every_e2e_spelling(legacy_session, monkeypatch, caplog, snapshot_json):
    """L-22/Q-11: only AICMO_E2E_MODE exactly "1" enforces the gate; "0", "true", "", padded "1", unset and others only warn."""
    table = {
        name: _gate_outcomes(legacy_session, monkeypatch, caplog, *CONDITIONS[name], E2E_SPELLINGS)
        for name in ("both_met", "both_missing")
    }
    assert snapshot_json == table


def test_each_gate_condition_alone_and_both(legacy_session, monkeypatch, caplog, snapshot_json):
    """L-22/Q-11/Q-24: each missing condition alone and both at once, enforced ("1") and not (unset), with their messages."""
    table = {
        name: _gate_outcomes(legacy_session, monkeypatch, caplog, state, reviews, [None, "1"])
        for name, (state, reviews) in CONDITIONS.items()
    }
    assert snapshot_json == table


def test_the_output_folder_setting(legacy_session, monkeypatch, snapshot_json):
    """L-21 (config): out_dir argument, else AICMO_OUTPUT_DIR, else "out"; nested and padded folders are made; "" is no folder."""
    project = build_project(legacy_session, "complete_uk_strategy_sales")
    project.campaign.project_state = "QC_APPROVED"
    client_review.record_feedback(legacy_session, project.campaign, project.creatives, "approved")

    def deliver(out_dir):
        try:
            result = package_delivery(legacy_session, project.campaign, project.strategy, project.creatives, project.calendar, "UK", out_dir)
        except OSError as exc:
            return {"error": f"{type(exc).__name__}: {exc}"}
        return {"path": result["path"], "exists": Path(result["path"]).is_file()}

    table = {}
    for env, argument in [(None, None), ("custom/nested", None), (" padded ", None), ("env-dir", "arg-dir"), ("env-dir", ""), ("", None), (None, "")]:
        if env is None:
            monkeypatch.delenv("AICMO_OUTPUT_DIR", raising=False)
        else:
            monkeypatch.setenv("AICMO_OUTPUT_DIR", env)
        table[f"env={env!r} arg={argument!r}"] = {"setting": config.output_dir(), "delivery": deliver(argument)}
    assert snapshot_json == table
