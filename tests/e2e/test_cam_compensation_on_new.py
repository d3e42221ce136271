"""A compensated journey with cam on its new path: the project ends CANCELLED, as on legacy.

The saga's compensation of onboarding's and strategy's steps is `cam.cancel_project`. The new
cam holds no project; the composition root asks onboarding, the project's owner, to cancel it
(aicmo/orchestration/cam_effects.py). Proven in the fault matrix's style: a step before the
pivot keeps failing, the journey is compensated newest first, and the project row reads
CANCELLED with every other undo done, with onboarding on legacy (its adapter writes the row as
legacy cam did) and on new (its record cancelled, its legacy view writing the row). On SQLite
and PostgreSQL.
"""
from __future__ import annotations

import pytest

from tests.e2e.test_journey_fault_matrix import (  # noqa: F401 - the matrix's database and its first journey (which makes the tables)
    assert_compensated,
    clean,
    count_projects,
    journey_of,
    matrix_url,
    rows,
    run,
)

STEP = "production.produce_creatives"  # before the pivot: the journey is compensated


@pytest.mark.parametrize("routes", [("cam=new",), ("cam=new", "onboarding=new"), ("cam=new", "onboarding=new", "strategy=new")],
                         ids=["onboarding-on-legacy", "onboarding-on-new", "onboarding-and-strategy-on-new"])
def test_a_compensated_journey_with_the_new_cam_cancels_the_project(routes, matrix_url, clean, tmp_path, monkeypatch):
    projects_before = count_projects(matrix_url)
    extra = [arg for route in routes for arg in ("--route", route)]
    code, stderr, _ = run(matrix_url, tmp_path / "out", *extra, fault=f"before:{STEP}", monkeypatch=monkeypatch)
    assert 1 == code and f"{STEP} failed" in stderr, stderr
    record = journey_of(matrix_url, stderr)
    assert any(s["name"] == "cam.cancel_project" for s in record["steps"]), [s["name"] for s in record["steps"]]
    assert_compensated(matrix_url, record, tmp_path / "out", projects_before)
