"""billing under shadow over example journeys: the output is legacy's, and no mismatch is unexplained.

Only issue_proposal is compared (see the descriptor: the invoices are minted with uuid4, so a
rolled-back candidate can reproduce no other answer of billing). The journeys run one after the
other on one database per path, so each pair of runs gets the same reproducible seed.
"""
from __future__ import annotations

import json

from tests.e2e.conftest import EXAMPLES

# a UK and an untaxed client (every example journey on billing's new path is compared byte for
# byte in test_new_paths_match_legacy.py)
INTAKES = [EXAMPLES / "intake_quick_social_uk.json", EXAMPLES / "intake_aliases_missing_fields.json"]


def test_the_example_journeys_under_shadow_print_legacy_s_output_with_no_unexplained_mismatch(aicmo, two_databases):
    legacy_url, shadow_url = two_databases
    for intake in INTAKES:
        common = ("run", intake, "--reproducible", "--json", "-", "--out-dir", "out")
        legacy = aicmo(*common, "--database-url", legacy_url)
        shadow = aicmo(*common, "--route", "billing=shadow", "--database-url", shadow_url)
        assert (0, legacy.stdout) == (shadow.exit_code, shadow.stdout), intake.name
    report = aicmo("shadow", "report", "billing", "--format", "json", "--database-url", shadow_url)
    (billing,) = json.loads(report.stdout)["modules"]
    # one proposal per journey
    assert billing["comparisons"] == len(INTAKES)
    assert (billing["comparisons"], 0, 0) == (billing["matched"], billing["unexplained"], billing["candidate_errors"])
