"""The leads file read row by row (acl.cam.files) gives what legacy's whole-file reader gives, and refuses what it refuses.

The acquisition checks the whole file in one streaming pass and reads it again batch by batch,
never holding it whole: the leads, their order and every error message must be legacy's own.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acl.cam.files import AcquisitionInputError, LeadsFileChanged, lead_batches, leads_file, read_acquisition_input
from acl.cam.translation import profile_from_legacy
from backend.services.cam.leads_io import LeadFileError, read_leads_csv

# compared with legacy's reader itself: the test goes when cam's legacy code does
pytestmark = pytest.mark.legacy_internals("cam")

ROOT = Path(__file__).resolve().parents[3]
FILES = [ROOT / "examples" / "leads.csv", ROOT / "tests" / "characterization" / "corpus" / "leads.csv"]
HEADER = ("name,email,company,title,company_size,industry,revenue,country,region,job_change,funded,hiring,"
          "recent_activity,decision_maker,budget_authority,budget,timeline,pain_points")
GOOD = "Ann,ann@x.com,X,CEO,51-200,software,100,US,NA,yes,no,1,0,TRUE,false,,,"


def _legacy(path: Path) -> list:
    return [profile_from_legacy(lead) for lead in read_leads_csv(path)]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("size", [1, 7, 250])
def test_the_batches_are_legacy_s_leads_in_file_order(path, size):
    named = leads_file(path)
    batches = list(lead_batches(named, size))
    assert [profile for batch in batches for profile in batch] == _legacy(path)
    assert named.leads == len(_legacy(path))
    assert all(len(batch) == size for batch in batches[:-1]) and 0 < len(batches[-1]) <= size


def test_the_batches_start_where_asked():
    path = FILES[0]
    assert [p for batch in lead_batches(leads_file(path), 5, start=12) for p in batch] == _legacy(path)[12:]


BAD_ROWS = {
    "missing columns": "name,email\nAnn,ann@x.com\n",
    "bad bool in row 2": f"{HEADER}\n{GOOD}\n{GOOD.replace('yes', 'maybe')}\n",
    "bad revenue in row 3": f"{HEADER}\n{GOOD}\n{GOOD}\n{GOOD.replace(',100,', ',lots,')}\n",
    "nan revenue": f"{HEADER}\n{GOOD.replace(',100,', ',nan,')}\n",
    "bad size": f"{HEADER}\n{GOOD.replace('51-200', '50-200')}\n",
}


@pytest.mark.parametrize("content", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_a_bad_row_is_refused_with_legacy_s_message(content, tmp_path):
    path = tmp_path / "leads.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LeadFileError) as legacy:
        read_leads_csv(path)
    with pytest.raises(AcquisitionInputError) as streamed:
        leads_file(path)
    assert str(legacy.value) == str(streamed.value)


def test_a_bad_last_row_of_a_large_file_is_found_before_any_batch(tmp_path):
    """The whole file is checked first: a run never imports the batches before a bad row."""
    path = tmp_path / "leads.csv"
    path.write_text(HEADER + "\n" + "\n".join([GOOD] * 3000 + [GOOD.replace("yes", "maybe")]) + "\n", encoding="utf-8")
    with pytest.raises(AcquisitionInputError, match="row 3001, column job_change"):
        leads_file(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.lists(st.sampled_from(["", "yes", "no", "x", "1", "51-200", "1e3", "inf", " 7 ", '"q,"']),
                               min_size=18, max_size=18), max_size=5))
def test_any_file_reads_as_legacy_reads_it(cells, tmp_path_factory):
    path = tmp_path_factory.mktemp("leads") / "leads.csv"
    path.write_text(HEADER + "\n" + "".join(",".join(row) + "\n" for row in cells), encoding="utf-8")
    try:
        expected: object = _legacy(path)
    except LeadFileError as exc:
        expected = str(exc)
    try:
        named = leads_file(path)
        streamed: object = [profile for batch in lead_batches(named, 2) for profile in batch]
    except AcquisitionInputError as exc:
        streamed = str(exc)
    assert expected == streamed


def test_a_file_changed_since_it_was_named_is_refused(tmp_path):
    path = tmp_path / "leads.csv"
    path.write_text(f"{HEADER}\n{GOOD}\n", encoding="utf-8")
    named = leads_file(path)
    path.write_text(f"{HEADER}\n{GOOD.replace('Ann', 'Bob')}\n", encoding="utf-8")
    with pytest.raises(LeadsFileChanged, match="not the one this run started with"):
        list(lead_batches(named, 10))
    path.unlink()
    with pytest.raises(LeadsFileChanged):
        list(lead_batches(named, 10))


def test_the_whole_file_reader_still_agrees(tmp_path):
    """The old flow and the reproducible seed read the file whole: the same leads as the batches."""
    path = FILES[0]
    whole = read_acquisition_input(None, path, None)
    assert list(whole.leads) == [p for batch in lead_batches(leads_file(path), 10) for p in batch]
