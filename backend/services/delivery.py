"""Delivery: the zip package, its gate and its side effects (spec section 6).

The packager also marks production's rows DELIVERED and writes billing's delivery invoice
(Q-12), and on a skipped gate writes the project state directly (Q-24).
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import uuid
import zipfile
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy.orm import Session

from aicmo.core import config
from aicmo.domain import CalendarItem, StrategyDoc
from backend.db.models import CampaignRow, CreativeAssetRow, DeliveryPackageRow
from backend.generators.calendar_generator import calendar_csv
from backend.services.billing import invoices_for, make_invoice

log = logging.getLogger(__name__)


class DeliveryGateError(Exception):
    pass


def slugify(name: str) -> str:
    """L-21: lower case, every non-alphanumeric character becomes '-'."""
    return re.sub(r"[^a-z0-9]", "-", name.lower())


def gate_problems(campaign: CampaignRow, creatives: list[CreativeAssetRow]) -> list[str]:
    """L-22: delivery needs QC_APPROVED and the client's approval."""
    problems = []
    if campaign.project_state != "QC_APPROVED":
        problems.append(f"project state is {campaign.project_state}, not QC_APPROVED")
    if not creatives or any(row.review_status != "approved" for row in creatives):
        problems.append("the client has not approved the package")
    return problems


def creative_markdown(row: CreativeAssetRow) -> str:
    return (
        f"# {row.platform} {row.format}: {row.pillar_name}\n\n"
        f"**Hook:** {row.hook}\n\n{row.caption}\n\n"
        f"**Call to action:** {row.cta}\n\n**Tone:** {row.tone}\n"
    )


def build_zip(files: list[tuple[str, bytes]], created_at: datetime) -> tuple[bytes, dict[str, Any]]:
    manifest = {
        "created_at": created_at.isoformat(),
        "files": [
            {"name": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
            for name, data in files
        ],
    }
    stamp = created_at.timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files + [("manifest.json", json.dumps(manifest, indent=2, sort_keys=True).encode())]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue(), manifest


def package_delivery(
    session: Session,
    campaign: CampaignRow,
    strategy: StrategyDoc,
    creatives: list[CreativeAssetRow],
    calendar: list[CalendarItem],
    geography: str | None,
    out_dir: str | None = None,
) -> dict[str, Any]:
    out_dir = out_dir or config.output_dir()
    problems = gate_problems(campaign, creatives)
    gate_skipped = False
    if problems:
        if config.e2e_mode():
            raise DeliveryGateError("; ".join(problems))
        # outside E2E mode the gate only warns
        log.warning("delivery gate skipped for %s: %s", campaign.name, "; ".join(problems))
        gate_skipped = True
    delivered = [row for row in creatives if row.review_status == "approved"]
    now = datetime.now(timezone.utc)
    files = [("strategy.md", strategy.to_markdown(campaign.name).encode("utf-8"))]
    for i, row in enumerate(delivered, start=1):
        files.append((f"creative-{i:02d}-{row.platform.lower()}-{row.format}.md", creative_markdown(row).encode("utf-8")))
    files.append(("calendar.csv", calendar_csv(calendar).encode("utf-8")))
    data, manifest = build_zip(files, now)
    file_name = f"{slugify(campaign.name)}.zip"
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, file_name)
    with open(path, "wb") as handle:
        handle.write(data)

    package = DeliveryPackageRow(
        id=str(uuid.uuid4()),
        campaign_id=campaign.id,
        file_name=file_name,
        path=path,
        manifest_json=json.dumps(manifest, sort_keys=True),
        gate_skipped=gate_skipped,
        status="delivered",
        created_at=now,
    )
    session.add(package)
    for row in delivered:
        row.status = "DELIVERED"  # production's table
    invoice = None
    if not any(i.kind == "delivery" for i in invoices_for(session, campaign.id)):
        invoice = make_invoice(campaign.id, "delivery", geography, date.today(), "sent")
        session.add(invoice)  # billing's table
    if gate_skipped and campaign.project_state == "QC_FAILED":
        campaign.project_state = "DELIVERED"  # bypasses the state machine
    session.flush()
    return {
        "package_id": package.id,
        "file_name": file_name,
        "path": path,
        "manifest": manifest,
        "gate_skipped": gate_skipped,
        "gate_problems": problems,
        "delivered_creative_ids": [row.id for row in delivered],
        "delivery_invoice_id": invoice.id if invoice else None,
    }
