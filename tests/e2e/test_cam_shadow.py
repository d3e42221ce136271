"""cam under shadow over example acquisitions: the output is legacy's, and every comparison matches.

The campaign and every batch of leads are compared (see the descriptor: the candidate takes
legacy's campaign in, and mints its ids by the key, never drawing). The acquisitions run one
after the other on one database per path, so each pair of runs gets the same reproducible seed.
"""
from __future__ import annotations

import json
import math

import pytest

from tests.e2e.conftest import EXAMPLES

LEADS = EXAMPLES / "leads.csv"


@pytest.mark.parametrize("options", [("--batch-size", "3"), ("--batch", "--batch-size", "5")], ids=["single", "batch"])
def test_the_example_acquisitions_under_shadow_print_legacy_s_output_and_match(aicmo, two_databases, options):
    legacy_url, shadow_url = two_databases
    common = ("acquire", LEADS, "--replies", EXAMPLES / "replies.csv", "--at", "2026-01-15T10:00:00Z", "--reproducible",
              "--json", "-", *options)
    legacy = aicmo(*common, "--database-url", legacy_url)
    shadow = aicmo(*common, "--route", "cam=shadow", "--database-url", shadow_url)
    assert (0, legacy.stdout) == (shadow.exit_code, shadow.stdout)
    report = aicmo("shadow", "report", "cam", "--format", "json", "--database-url", shadow_url)
    (cam,) = json.loads(report.stdout)["modules"]
    leads = len(json.loads(legacy.stdout)["leads"])
    # the campaign, then one comparison per batch
    assert cam["comparisons"] == 1 + math.ceil(leads / int(options[-1]))
    assert (cam["comparisons"], 0, 0) == (cam["matched"], cam["unexplained"], cam["candidate_errors"])
