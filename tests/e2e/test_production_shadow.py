"""production under shadow over the example journeys: the output is legacy's, and no mismatch is unexplained.

Only build_calendar is compared (see the descriptor: a rolled-back candidate can reproduce no
other answer of production). The journeys run one after the other on one database per path, so
each pair of runs gets the same reproducible seed.
"""
from __future__ import annotations

import json

from tests.e2e.conftest import EXAMPLES

# the two examples whose first QC round fails: each journey builds its calendar twice, around a rewrite
# (every example journey on the new path is compared byte for byte in test_new_paths_match_legacy.py)
INTAKES = [EXAMPLES / "intake_aliases_missing_fields.json", EXAMPLES / "intake_quick_social_uk.json"]


def test_the_example_journeys_under_shadow_print_legacy_s_output_with_no_unexplained_mismatch(aicmo, two_databases):
    legacy_url, shadow_url = two_databases
    for intake in INTAKES:
        common = ("run", intake, "--reproducible", "--json", "-", "--out-dir", "out")
        legacy = aicmo(*common, "--database-url", legacy_url)
        shadow = aicmo(*common, "--route", "production=shadow", "--database-url", shadow_url)
        assert (0, legacy.stdout) == (shadow.exit_code, shadow.stdout), intake.name
    report = aicmo("shadow", "report", "production", "--format", "json", "--database-url", shadow_url)
    (production,) = json.loads(report.stdout)["modules"]
    # a calendar per journey, and another after each rewrite round
    assert production["comparisons"] == 2 * len(INTAKES)
    assert (production["comparisons"], 0, 0) == (production["matched"], production["unexplained"], production["candidate_errors"])
