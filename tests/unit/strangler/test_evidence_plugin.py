"""`pytest --record-evidence URL`: whole marked suites become suite runs; partial runs record nothing."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from aicmo.strangler.evidence import evaluate_gate
from aicmo.strangler.evidence.code_version import code_commit
from aicmo.strangler.evidence.suite_tally import EvidenceKey, SuiteTally
from aicmo.strangler.evidence.tables import SuiteRunRow
from aicmo.strangler.schema import open_database

SUITE = '''
import pytest

pytestmark = pytest.mark.aicmo_evidence(module="qc", suite="contract")


@pytest.fixture(params=[
    pytest.param("legacy", marks=pytest.mark.aicmo_evidence(routes={})),
    pytest.param("new", marks=pytest.mark.aicmo_evidence(routes={"qc": "new"})),
])
def implementation(request):
    return request.param


def test_one(implementation):
    assert implementation

def test_two(implementation):
    assert PLANTED != implementation


def test_on_no_route():  # belongs to the suite all the same: counted on the legacy path
    pass
'''


def write_suite(pytester, planted: str = "'none'") -> None:
    pytester.makepyfile(test_qc_suite=SUITE.replace("PLANTED", planted))


def suite_runs(url: str) -> list[tuple[str, str, str, bool]]:
    with open_database(url)() as session:
        rows = session.scalars(select(SuiteRunRow).order_by(SuiteRunRow.path)).all()
        return [(r.module, r.suite, r.path, r.passed) for r in rows]


@pytest.fixture
def url(pytester) -> str:
    return f"sqlite:///{pytester.path / 'evidence.db'}"


def run(pytester, *args: str):
    return pytester.runpytest_inprocess("-p", "no:cacheprovider", *args)


def test_a_whole_passing_suite_is_recorded_per_path(pytester, url):
    write_suite(pytester)
    result = run(pytester, "--record-evidence", url)
    result.assert_outcomes(passed=5)
    assert [("qc", "contract", "legacy", True), ("qc", "contract", "new", True)] == suite_runs(url)
    result.stdout.fnmatch_lines(["*promotion evidence*", "recorded: qc contract suite on the new path on sqlite: passed (2 passed, 0 failed, 0 skipped)"])
    with open_database(url)() as session:
        detail = session.scalars(select(SuiteRunRow.detail).where(SuiteRunRow.path == "new")).one()
        verdict = evaluate_gate(session, "qc", since=None, min_comparisons=0, commit=code_commit())
    assert detail.startswith("2 passed, 0 failed, 0 skipped; pytest ")
    assert ("characterization suite: no run recorded on the new path on sqlite",) == verdict.missing  # only contract ran


def test_a_planted_failure_on_the_new_path_is_recorded_as_failed_and_closes_the_gate(pytester, url):
    write_suite(pytester, planted="'new'")
    result = run(pytester, "--record-evidence", url)
    result.assert_outcomes(passed=4, failed=1)
    assert [("qc", "contract", "legacy", True), ("qc", "contract", "new", False)] == suite_runs(url)
    with open_database(url)() as session:
        verdict = evaluate_gate(session, "qc", since=None, min_comparisons=0, commit=code_commit())
    assert "contract suite: the latest run on the new path failed on sqlite" in verdict.missing


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (("-k", "one"), "tests of the suite were deselected"),
        (("test_qc_suite.py::test_one",), "the run was narrowed to single tests"),
    ],
)
def test_a_partial_run_records_nothing_and_says_why(pytester, url, args, why):
    write_suite(pytester)
    result = run(pytester, "--record-evidence", url, *args)
    assert result.ret == 0
    assert [] == suite_runs(url)
    result.stdout.fnmatch_lines([f"not recorded: qc contract suite on the new path on sqlite: {why}"])


ON_TWO_DATABASES = '''
import pytest

pytestmark = pytest.mark.aicmo_evidence(module="qc", suite="contract", routes={"qc": "new"})


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request):
    return request.param


def test_one(database):
    assert database != PLANTED
'''


def test_each_kind_of_database_is_a_suite_run_of_its_own(pytester, url):
    """A suite over both backends records a run per kind of database; a failure on one fails only that one."""
    pytester.makepyfile(test_qc_suite=ON_TWO_DATABASES.replace("PLANTED", "'postgresql'"))
    run(pytester, "--record-evidence", url)
    with open_database(url)() as session:
        rows = session.scalars(select(SuiteRunRow).order_by(SuiteRunRow.database)).all()
    assert [("postgresql", False), ("sqlite", True)] == [(r.database, r.passed) for r in rows]


def test_a_run_stopped_early_records_the_failure_but_not_the_unfinished_suite(pytester, url):
    write_suite(pytester, planted="'legacy'")
    run(pytester, "--record-evidence", url, "-x")
    # test_one[legacy], test_one[new] passed, then test_two[legacy] failed and stopped the run
    assert [("qc", "contract", "legacy", False)] == suite_runs(url)


def test_without_the_option_nothing_is_recorded(pytester):
    write_suite(pytester)
    result = run(pytester)
    result.assert_outcomes(passed=5)
    assert "promotion evidence" not in result.stdout.str()
    assert not (pytester.path / "evidence.db").exists()


def test_a_malformed_url_stops_the_run_before_any_test(pytester):
    write_suite(pytester)
    result = run(pytester, "--record-evidence", "not a url")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--record-evidence: 'not a url' is not a database URL*"])


def test_a_test_whose_teardown_fails_counts_once_as_failed():
    tally, key = SuiteTally(), EvidenceKey("qc", "contract", "new")
    tally.collected(key)
    for when, outcome in (("setup", "passed"), ("call", "passed"), ("teardown", "failed")):
        tally.outcome(key, "t", when, outcome)
    group = tally.groups[key]
    assert (group.passed, group.failed, group.succeeded) == (0, 1, False)


@pytest.mark.parametrize(
    ("marker", "error"),
    [
        ('module="qcc", suite="contract"', "unknown module 'qcc'"),
        ('module="qc", suite="contracts"', "unknown suite 'contracts'"),
        ('module="qc", suite="contract", routes={"qc": "shadow"}', "unknown path 'shadow'"),
    ],
)
def test_a_marker_the_gate_could_never_read_stops_the_run_before_any_test(pytester, url, marker, error):
    pytester.makepyfile(test_typo=f"import pytest\n\npytestmark = pytest.mark.aicmo_evidence({marker})\n\ndef test_x():\n    pass\n")
    result = run(pytester, "--record-evidence", url)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*test_typo.py::test_x: @pytest.mark.aicmo_evidence: {error}*"])
    assert [] == suite_runs(url)
    result.assert_outcomes()
