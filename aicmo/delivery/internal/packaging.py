"""The package's rules (spec §6): the gate (L-22), the files and the zip with its manifest (L-21), its name.

Each reproduces legacy's packager byte for byte, but the archive's name: legacy names it after
the brand's slug alone, so two clients whose names slugify alike share one file and the later
delivery overwrites the earlier client's package. Here the name also holds the project's id
(divergences.UNIQUE_PACKAGE_NAME).
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from enum import Enum
from typing import Any, Optional

from aicmo.client_review.api import Review
from aicmo.production.api import ContentCalendar, Creative

__all__ = ["APPROVED", "archive_name", "build_zip", "calendar_csv", "creative_markdown", "gate_problems", "slugify"]

APPROVED = "approved"
REQUIRED_STATE = "QC_APPROVED"


def slugify(name: str) -> str:
    """L-21: lower case, every non-alphanumeric character becomes '-'."""
    return re.sub(r"[^a-z0-9]", "-", name.lower())


def archive_name(client_name: str, client_id: str) -> str:
    """The zip's name: the brand's slug and the project's id, so no two projects share one."""
    return f"{slugify(client_name)}-{client_id}.zip"


def review_statuses(review: Review) -> dict[str, Optional[str]]:
    """Each reviewed creative's decision, by id (None: not decided)."""
    return {str(c.creative_id): (c.review_status.value if c.review_status else None) for c in review.creatives}


def gate_problems(project_state: str, review: Review) -> list[str]:
    """L-22: delivery needs QC_APPROVED and the client's approval of every creative of the package."""
    problems = []
    if project_state != REQUIRED_STATE:
        problems.append(f"project state is {project_state}, not {REQUIRED_STATE}")
    statuses = review_statuses(review)
    wanted = [str(i) for i in review.creative_ids]
    if not wanted or any(statuses.get(i) != APPROVED for i in wanted):
        problems.append("the client has not approved the package")
    return problems


def _text(value: Any) -> str:
    """An enum member's value, any other value as it is: legacy's rows hold plain strings."""
    return str(value.value) if isinstance(value, Enum) else str(value)


def creative_markdown(creative: Creative) -> str:
    platform, fmt, tone = _text(creative.platform), _text(creative.format), _text(creative.tone)
    return (
        f"# {platform} {fmt}: {creative.pillar_name}\n\n"
        f"**Hook:** {creative.hook}\n\n{creative.caption}\n\n"
        f"**Call to action:** {creative.cta}\n\n**Tone:** {tone}\n"
    )


def calendar_csv(calendar: ContentCalendar) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["day", "date", "platform", "theme", "hook", "cta"])
    for item in calendar.items:
        writer.writerow([item.day, item.date.isoformat(), item.platform, item.theme, item.hook, item.cta])
    return buffer.getvalue()


def package_files(strategy_markdown: str, delivered: Sequence[Creative], calendar: ContentCalendar) -> list[tuple[str, bytes]]:
    """strategy.md, one markdown file per delivered creative, calendar.csv, in archive order."""
    files = [("strategy.md", strategy_markdown.encode("utf-8"))]
    for i, creative in enumerate(delivered, start=1):
        name = f"creative-{i:02d}-{_text(creative.platform).lower()}-{_text(creative.format)}.md"
        files.append((name, creative_markdown(creative).encode("utf-8")))
    files.append(("calendar.csv", calendar_csv(calendar).encode("utf-8")))
    return files


def build_zip(files: list[tuple[str, bytes]], created_at: datetime) -> tuple[bytes, dict[str, Any]]:
    """The zip (fixed entry times and modes, so the same files give the same bytes) and its manifest."""
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
