"""The leads and replies files (spec section 10): parsing and the one-line errors."""
from __future__ import annotations

import pytest

from backend.services.cam.leads_io import (
    LeadFileError,
    read_leads_csv,
    read_replies_csv,
)
from tests.characterization import corpus

pytestmark = [pytest.mark.aicmo_evidence(module="cam", suite="characterization"), pytest.mark.legacy_internals("cam")]

HEADER = "name,email,company,title,company_size,industry,revenue,country,region,job_change,funded,hiring,recent_activity,decision_maker,budget_authority,budget,timeline,pain_points"
GOOD = "Ann,ann@x.com,X,CEO,51-200,software,100,US,NA,yes,no,1,0,TRUE,false,,,"


def test_the_corpus_files_parse_into_snapshots(snapshot_json):
    """Booleans, empty optional cells as None, revenue as float, naive reply times as UTC."""
    assert snapshot_json == {"leads": corpus.leads()[:3] + corpus.leads()[-2:], "replies": corpus.replies()[14:17]}


@pytest.mark.parametrize(
    "content",
    [
        "name,email\nAnn,ann@x.com\n",
        f"{HEADER}\n{GOOD.replace('yes', 'maybe')}\n",
        f"{HEADER}\n{GOOD.replace(',100,', ',lots,')}\n",
        f"{HEADER}\n{GOOD.replace(',100,', ',nan,')}\n",
        f"{HEADER}\n{GOOD.replace('51-200', '50-200')}\n",
        "\ufeff" + f"{HEADER}\n{GOOD}\n",
    ],
    ids=["missing_columns", "bad_bool", "bad_revenue", "nan_revenue", "bad_size", "bom_ok"],
)
def test_leads_file_errors(content, tmp_path, snapshot_json):
    """Each bad cell names file, row and column; a BOM is accepted."""
    path = tmp_path / "leads.csv"
    path.write_text(content, encoding="utf-8")
    try:
        outcome = read_leads_csv(path)
    except LeadFileError as exc:
        outcome = str(exc)
    assert snapshot_json == outcome


@pytest.mark.parametrize(
    "content",
    ["email,body\nx@y.com,hi\n", "email,received_at,body\n,2026-01-01T00:00:00Z,hi\n", "email,received_at,body\nx@y.com,yesterday,hi\n"],
    ids=["missing_columns", "empty_email", "bad_time"],
)
def test_replies_file_errors(content, tmp_path, snapshot_json):
    """Each bad cell names file, row and column."""
    path = tmp_path / "replies.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LeadFileError) as refused:
        read_replies_csv(path)
    assert snapshot_json == str(refused.value)
