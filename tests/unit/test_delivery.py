"""Delivery (spec section 6: L-21, L-22, Q-11, Q-12, Q-24)."""
from __future__ import annotations

import hashlib
import json
import logging
import zipfile

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from backend.db.models import CampaignRow, CreativeAssetRow, DeliveryPackageRow, InvoiceRow
from backend.db.session import SessionLocal
from backend.services.client_review import record_feedback
from backend.services.delivery import DeliveryGateError, package_delivery, slugify

pytestmark = [pytest.mark.usefixtures("legacy_env"), pytest.mark.legacy_internals("client_review", "delivery")]


def _ready(make_project, state="QC_APPROVED", approve=True, **overrides):
    project = make_project(**overrides)
    project.campaign.project_state = state
    if approve:
        record_feedback(project.session, project.campaign, project.creatives, "approved")
    return project


def _deliver(project, out_dir):
    return package_delivery(
        project.session,
        project.campaign,
        project.strategy,
        project.creatives,
        project.calendar,
        project.intake.geography,
        str(out_dir),
    )


# --- L-21 -------------------------------------------------------------------------------


def test_l21_zip_holds_strategy_creatives_calendar_and_manifest(make_project, tmp_path):
    """The zip has strategy.md, one markdown file per delivered creative, calendar.csv and manifest.json."""
    project = _ready(make_project)
    result = _deliver(project, tmp_path)
    with zipfile.ZipFile(result["path"]) as archive:
        names = archive.namelist()
        strategy_md = archive.read("strategy.md").decode()
        calendar_csv = archive.read("calendar.csv").decode()
    creative_files = [n for n in names if n.startswith("creative-")]
    assert "strategy.md" == names[0]
    assert ["calendar.csv", "manifest.json"] == names[-2:]
    assert 9 == len(creative_files)
    assert "creative-01-instagram-reel.md" == creative_files[0]
    assert project.strategy.to_markdown("Northwind Coffee Roasters") == strategy_md
    lines = calendar_csv.splitlines()
    assert ("day,date,platform,theme,hook,cta", 8) == (lines[0], len(lines))


@freeze_time("2026-01-15T10:00:00Z")
def test_l21_manifest_lists_names_sha256_sizes_and_created_at(make_project, tmp_path):
    """manifest.json gives every other file's name, sha256 and byte size, and created_at."""
    project = _ready(make_project)
    result = _deliver(project, tmp_path)
    with zipfile.ZipFile(result["path"]) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        contents = {n: archive.read(n) for n in archive.namelist() if n != "manifest.json"}
    expected = [
        {"name": n, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)} for n, data in contents.items()
    ]
    assert expected == manifest["files"]
    assert "2026-01-15T10:00:00+00:00" == manifest["created_at"]


def test_l21_archive_name_is_the_slugified_brand(make_project, tmp_path):
    """'Acme & Sons, Ltd.' is packaged as 'acme---sons--ltd-.zip' in the out dir."""
    project = _ready(make_project, brand_name="Acme & Sons, Ltd.")
    result = _deliver(project, tmp_path)
    assert "acme---sons--ltd-.zip" == result["file_name"]
    assert (tmp_path / "acme---sons--ltd-.zip").is_file()


def test_l21_slugify_lowercases_and_dashes_non_alphanumerics():
    """Lower case, each non-alphanumeric character becomes '-'."""
    assert "northwind-coffee-roasters" == slugify("Northwind Coffee Roasters")


# --- L-22 / Q-11 ------------------------------------------------------------------------


def test_l22_gate_refuses_a_qc_failed_project_in_e2e_mode(make_project, tmp_path, monkeypatch):
    """With AICMO_E2E_MODE=1 a QC_FAILED project is not delivered."""
    monkeypatch.setenv("AICMO_E2E_MODE", "1")
    project = _ready(make_project, state="QC_FAILED")
    with pytest.raises(DeliveryGateError, match="QC_FAILED"):
        _deliver(project, tmp_path)
    assert [] == list(tmp_path.iterdir())


def test_l22_gate_refuses_a_package_without_client_approval_in_e2e_mode(make_project, tmp_path, monkeypatch):
    """With AICMO_E2E_MODE=1 a QC_APPROVED package the client has not approved is not delivered."""
    monkeypatch.setenv("AICMO_E2E_MODE", "1")
    project = _ready(make_project, approve=False)
    with pytest.raises(DeliveryGateError, match="not approved"):
        _deliver(project, tmp_path)


def test_l22_gate_passes_qc_approved_and_client_approved(make_project, tmp_path, monkeypatch):
    """With AICMO_E2E_MODE=1, QC_APPROVED and client approval deliver without skipping the gate."""
    monkeypatch.setenv("AICMO_E2E_MODE", "1")
    project = _ready(make_project)
    result = _deliver(project, tmp_path)
    assert (False, []) == (result["gate_skipped"], result["gate_problems"])


def test_q11_gate_only_warns_outside_e2e_mode(make_project, tmp_path, monkeypatch, caplog):
    """Without AICMO_E2E_MODE=1 a QC_FAILED, unapproved project is delivered anyway, with a warning."""
    monkeypatch.delenv("AICMO_E2E_MODE", raising=False)
    project = _ready(make_project, state="QC_FAILED", approve=False)
    with caplog.at_level(logging.WARNING, logger="backend.services.delivery"):
        result = _deliver(project, tmp_path)
    assert True is result["gate_skipped"]
    assert 2 == len(result["gate_problems"])
    assert (tmp_path / result["file_name"]).is_file()
    assert any("delivery gate skipped" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("value", ["0", "true", ""])
def test_q11_only_the_exact_value_1_enforces_the_gate(make_project, tmp_path, monkeypatch, value):
    """AICMO_E2E_MODE other than '1' does not enforce the gate."""
    monkeypatch.setenv("AICMO_E2E_MODE", value)
    project = _ready(make_project, state="QC_FAILED")
    assert True is _deliver(project, tmp_path)["gate_skipped"]


# --- Q-12 -------------------------------------------------------------------------------


def test_q12_packager_marks_rows_delivered_and_writes_the_delivery_invoice(make_project, tmp_path):
    """Delivered creative_assets rows become DELIVERED and one delivery invoice lands in billing_invoices."""
    project = _ready(make_project, approve=False)
    record_feedback(project.session, project.campaign, project.creatives[:5], "approved")
    result = _deliver(project, tmp_path)
    project.session.commit()
    with SessionLocal() as other:
        rows = list(other.scalars(select(CreativeAssetRow).order_by(CreativeAssetRow.position)))
        invoices = list(other.scalars(select(InvoiceRow)))
        packages = list(other.scalars(select(DeliveryPackageRow)))
    assert ["DELIVERED"] * 5 + ["DRAFT"] * 4 == [r.status for r in rows]
    assert [("delivery", "sent", 12500.0)] == [(i.kind, i.status, i.subtotal) for i in invoices]
    assert result["delivery_invoice_id"] == invoices[0].id
    assert [project.campaign.id] == [p.campaign_id for p in packages]


def test_q12_second_delivery_does_not_duplicate_the_delivery_invoice(make_project, tmp_path):
    """The packager writes the delivery invoice only when none exists."""
    project = _ready(make_project)
    _deliver(project, tmp_path)
    second = _deliver(project, tmp_path)
    kinds = [i.kind for i in project.session.scalars(select(InvoiceRow))]
    assert (["delivery"], None) == (kinds, second["delivery_invoice_id"])


# --- Q-24 -------------------------------------------------------------------------------


def test_q24_skipped_gate_on_qc_failed_writes_delivered_directly(make_project, tmp_path):
    """On a QC_FAILED project the packager writes project_state DELIVERED, with no error."""
    project = _ready(make_project, state="QC_FAILED")
    _deliver(project, tmp_path)
    project.session.commit()
    with SessionLocal() as other:
        assert "DELIVERED" == other.get(CampaignRow, project.campaign.id).project_state
