"""retention under shadow over journeys: the output is legacy's, and every assessment is compared and matches.

assess_retention is compared once per journey, every field but the assessment's id (a draw the
candidate must not repeat: aicmo/retention/internal/naming.py) and the instant of the call. The
example journeys run reproducibly, one database per path, so each pair of runs gets the same seed;
the traffic runs without --reproducible, on real uuid4 draws and the wall clock.
"""
from __future__ import annotations

import json

from tests.e2e.conftest import EXAMPLES

INTAKES = [EXAMPLES / "intake_quick_social_uk.json", EXAMPLES / "intake_full_funnel_eu.json"]


def retention_report(aicmo, url: str) -> dict:
    report = aicmo("shadow", "report", "retention", "--format", "json", "--database-url", url)
    (retention,) = json.loads(report.stdout)["modules"]
    return retention


def test_the_example_journeys_under_shadow_print_legacy_s_output_and_every_assessment_matches(aicmo, two_databases):
    legacy_url, shadow_url = two_databases
    for intake in INTAKES:
        common = ("run", intake, "--reproducible", "--json", "-", "--out-dir", "out")
        legacy = aicmo(*common, "--database-url", legacy_url)
        shadow = aicmo(*common, "--route", "retention=shadow", "--database-url", shadow_url)
        assert (0, legacy.stdout) == (shadow.exit_code, shadow.stdout), intake.name
    retention = retention_report(aicmo, shadow_url)
    assert (len(INTAKES), len(INTAKES), 0, 0) == (retention["comparisons"], retention["matched"], retention["unexplained"],
                                                  retention["candidate_errors"])


def test_traffic_on_real_ids_and_the_wall_clock_matches_every_assessment(aicmo, two_databases):
    _, url = two_databases
    result = aicmo("traffic", "--journeys", 4, "--seed", 5, "--route", "retention=shadow", "--database-url", url)
    assert 0 == result.exit_code, result.output
    retention = retention_report(aicmo, url)
    assert (4, 4, 0) == (retention["comparisons"], retention["matched"], retention["unexplained"])
