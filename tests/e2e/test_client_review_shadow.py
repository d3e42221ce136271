"""client_review under shadow over the example journeys: the output is legacy's, nothing of the candidate stays.

open_review, plan_revision and simulated_feedback are compared (see the descriptor: a
rolled-back candidate keeps no package, so record_feedback and get_review answer from legacy
only). The journeys run one after the other on one database per path, so each pair of runs gets
the same reproducible seed.
"""
from __future__ import annotations

import json

from sqlalchemy import func, select

from aicmo.client_review.internal.tables import ClientReviewBase
from aicmo.shared.persistence.engines import engine_for, forget_engine
from tests.e2e.conftest import EXAMPLES

INTAKES = sorted(EXAMPLES.glob("intake_*.json"))


def own_rows(url: str) -> int:
    engine = engine_for(url)
    try:
        with engine.connect() as connection:
            return sum(connection.scalar(select(func.count()).select_from(table)) or 0
                       for table in ClientReviewBase.metadata.sorted_tables)
    finally:
        forget_engine(url)


def test_the_example_journeys_under_shadow_print_legacy_s_output_with_no_unexplained_mismatch(aicmo, two_databases):
    legacy_url, shadow_url = two_databases
    for intake in INTAKES:
        common = ("run", intake, "--reproducible", "--json", "-", "--out-dir", "out")
        legacy = aicmo(*common, "--database-url", legacy_url)
        shadow = aicmo(*common, "--route", "client_review=shadow", "--database-url", shadow_url)
        assert (0, legacy.stdout) == (shadow.exit_code, shadow.stdout), intake.name
    report = aicmo("shadow", "report", "client_review", "--format", "json", "--database-url", shadow_url)
    (client_review,) = json.loads(report.stdout)["modules"]
    # a package opened and the simulated client asked once per journey
    assert client_review["comparisons"] == 2 * len(INTAKES)
    assert (client_review["comparisons"], 0, 0) == (
        client_review["matched"], client_review["unexplained"], client_review["candidate_errors"])
    assert 0 == own_rows(shadow_url)  # every write of the candidate was rolled back
