"""strategy under shadow, as a user runs it: legacy's answers, and every comparison matched.

(With strategy on `new`, every example's journey is legacy's byte for byte:
tests/e2e/test_new_paths_match_legacy.py.)
"""
from __future__ import annotations

from tests.e2e.conftest import EXAMPLES

INTAKES = sorted(EXAMPLES.glob("intake_*.json"))


def test_the_examples_under_shadow_match_legacy_with_no_unexplained_mismatch(aicmo, workdir):
    """Every example under `--route strategy=shadow` prints legacy's JSON; `aicmo shadow report strategy` shows 0 unexplained."""
    # one database per route, the journeys in the same order: a reproducible run seeds its ids with the projects there
    url, legacy_url = f"sqlite:///{workdir / 'shadow.db'}", f"sqlite:///{workdir / 'legacy.db'}"
    for intake in INTAKES:
        legacy = aicmo("run", intake, "--reproducible", "--json", "-", "--database-url", legacy_url)
        shadowed = aicmo("run", intake, "--reproducible", "--json", "-", "--route", "strategy=shadow", "--database-url", url)
        assert 0 == legacy.exit_code == shadowed.exit_code, shadowed.output
        assert legacy.stdout == shadowed.stdout
    report = aicmo("shadow", "report", "strategy", "--database-url", url)
    assert 0 == report.exit_code, report.output
    row = next(line for line in report.stdout.splitlines() if "strategy" in line and "│" in line)
    compared, matched, _, unexplained, errors = [cell.strip() for cell in row.split("│")[2:7]]
    assert (str(len(INTAKES)), str(len(INTAKES)), "0", "0") == (compared, matched, unexplained, errors)
