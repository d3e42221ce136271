"""reporting under shadow over example journeys and an acquisition: the output is legacy's, and no mismatch is unexplained.

generate_report (once a journey) and measure_outreach_efficiency (once an acquisition) are
compared (see the descriptor: the report's figures follow from the request; its id and instant
are the draw and the clock reading of legacy's run, which the rolled-back candidate must not
repeat). The runs go one after the other on one database per path, so each pair gets the same
reproducible seed: a candidate drawing an id would shift every later id and the outputs would differ.
"""
from __future__ import annotations

import json

from tests.e2e.conftest import EXAMPLES

# a simulated report over the strategy's channels each (every example journey on reporting's new path
# is compared byte for byte in test_new_paths_match_legacy.py)
INTAKES = [EXAMPLES / "intake_quick_social_uk.json", EXAMPLES / "intake_full_funnel_eu.json"]


def test_journeys_and_an_acquisition_under_shadow_print_legacy_s_output_with_no_unexplained_mismatch(aicmo, two_databases):
    legacy_url, shadow_url = two_databases
    runs = [("run", intake, "--reproducible", "--json", "-", "--out-dir", "out") for intake in INTAKES]
    runs.append(("acquire", EXAMPLES / "leads.csv", "--replies", EXAMPLES / "replies.csv", "--reproducible", "--json", "-"))
    for common in runs:
        legacy = aicmo(*common, "--database-url", legacy_url)
        shadow = aicmo(*common, "--route", "reporting=shadow", "--database-url", shadow_url)
        assert (0, legacy.stdout) == (shadow.exit_code, shadow.stdout), common[:2]
    report = aicmo("shadow", "report", "reporting", "--format", "json", "--database-url", shadow_url)
    (reporting,) = json.loads(report.stdout)["modules"]
    # a report per journey, an efficiency per acquisition
    assert reporting["comparisons"] == len(runs)
    assert (reporting["comparisons"], 0, 0) == (reporting["matched"], reporting["unexplained"], reporting["candidate_errors"])
