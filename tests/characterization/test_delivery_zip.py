"""The delivery archive pinned whole: every entry, its bytes, its zip metadata, and the file on disk (L-21)."""
from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from backend.services import client_review
from backend.services.delivery import build_zip, package_delivery
from tests.characterization.builders import build_project

pytestmark = [pytest.mark.aicmo_evidence(module="delivery", suite="characterization"), pytest.mark.legacy_internals("client_review", "delivery", "domain")]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _archive(data: bytes) -> dict:
    """Every entry of a zip, in order, with its metadata and its whole text."""
    entries = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.comment == b""
        for info in archive.infolist():
            content = archive.read(info)
            entries.append({
                "name": info.filename,
                "date_time": list(info.date_time),
                "compress_type": info.compress_type,
                "external_attr": oct(info.external_attr),
                "mode": oct(info.external_attr >> 16),
                "create_system": info.create_system,
                "create_version": info.create_version,
                "extract_version": info.extract_version,
                "flag_bits": info.flag_bits,
                "internal_attr": info.internal_attr,
                "extra": info.extra.hex(),
                "comment": info.comment.decode(),
                "crc": info.CRC,
                "file_size": info.file_size,
                "sha256": _sha(content),
                "text": content.decode("utf-8"),
            })
    return {"sha256": _sha(data), "bytes": len(data), "entries": entries}


def _approved_project(session, intake_id: str):
    project = build_project(session, intake_id)
    project.campaign.project_state = "QC_APPROVED"
    client_review.record_feedback(session, project.campaign, project.creatives, "approved")
    return project


@pytest.mark.parametrize(
    "intake_id",
    [
        "complete_uk_strategy_sales",
        pytest.param("unicode_brand", marks=pytest.mark.fixed_clock("2026-03-07T23:59:59.999999Z")),
        pytest.param("punctuation_heavy_brand", marks=pytest.mark.fixed_clock("2026-06-30T12:34:57.5+02:00")),
    ],
)
def test_the_archive_pinned_whole(intake_id, legacy_session, snapshot_json):
    """L-21: entry names and order, bytes, date_time (2-second DOS stamp), mode 0644, deflate, manifest text, '\\n' CSV."""
    project = _approved_project(legacy_session, intake_id)
    result = package_delivery(
        legacy_session, project.campaign, project.strategy, project.creatives, project.calendar, project.intake.geography, "out"
    )
    on_disk = Path(result["path"]).read_bytes()
    archive = _archive(on_disk)
    names = [e["name"] for e in archive["entries"]]
    assert names[0] == "strategy.md" and names[-2:] == ["calendar.csv", "manifest.json"]
    assert all(e["compress_type"] == zipfile.ZIP_DEFLATED and e["mode"] == "0o644" for e in archive["entries"])
    assert "\r" not in archive["entries"][-2]["text"]
    assert sorted(p.name for p in Path("out").iterdir()) == [result["file_name"]]
    assert snapshot_json == {"result": result, "archive": archive}


@pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")  # zipfile warns; legacy writes both entries anyway
def test_build_zip_of_edge_files(snapshot_json, fixed_clock):
    """L-21: an empty file, a unicode name, a duplicate name and no files at all; the manifest lists them in order."""
    now = fixed_clock.tick(0.25)
    cases = {
        "none": [],
        "empty_file": [("empty.md", b"")],
        "unicode_name": [("créatif-01-été.md", "Été ☀\n".encode("utf-8"))],
        "duplicate_name": [("a.md", b"first"), ("a.md", b"second")],
    }
    table = {}
    for name, files in cases.items():
        data, manifest = build_zip(files, now)
        table[name] = {"manifest": manifest, "archive": _archive(data)}
    assert snapshot_json == table
