"""The legacy view of client review (Q-10): with client_review on its new path, review_* and REJECTED read as before,
written by their owners."""
from __future__ import annotations

import pytest

from aicmo.client_review.api import Feedback
from aicmo.orchestration import bootstrap
from aicmo.orchestration.journey import run_client_journey
from aicmo.legacy_harness.pytest_plugin import legacy_memory_database
from tests.port_suites.builders import INTAKE
from aicmo.strangler.routes import Route
from tests.new_paths import ports_with_new_client_review

# adapters and the new client review imported before the clock is frozen (pydantic must not meet freezegun's date)
ports_with_new_client_review()

REJECT = Feedback(decision="rejected")


@pytest.fixture
def journey_env(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for name in ("AICMO_E2E_MODE", "AICMO_REVIEW_CHANGE_SHARE", "AICMO_OUTPUT_DIR"):
        monkeypatch.delenv(name, raising=False)


def legacy_rows(on_new_path: bool, sync: bool, seeded_ids, request, reject: bool = False,
                owners_on_new: bool = False) -> dict[str, list[dict]]:
    """creative_assets and cam_campaigns after one journey (and a rejection of its package), ids seeded alike each time.

    With ``owners_on_new`` production and onboarding, whose rows these are, are on their new paths too.
    """
    seeded_ids.reseed("legacy-view")
    with legacy_memory_database() as database:
        if owners_on_new:
            ports = bootstrap.routed_ports("sqlite://", {m: Route.NEW for m in ("client_review", "production", "onboarding")})
            assert {Route.NEW} == {ports.production.route(), ports.onboarding.route(), ports.client_review.route()}
        else:
            ports = ports_with_new_client_review(legacy_view=sync) if on_new_path else bootstrap.legacy_ports()
        request.getfixturevalue("fixed_clock")
        outcome = run_client_journey(ports, INTAKE, out_dir="out")
        if reject:
            ports.client_review.record_feedback(outcome.review.review_id, REJECT, "reject")
        return {table: database.rows(table) for table in ("creative_assets", "cam_campaigns")}


def test_the_synced_legacy_view_equals_what_legacy_client_review_wrote(journey_env, seeded_ids, request):
    """Every creative_assets and cam_campaigns row is the same with client_review on the ACL or on its new path."""
    legacy = legacy_rows(on_new_path=False, sync=False, seeded_ids=seeded_ids, request=request)
    synced = legacy_rows(on_new_path=True, sync=True, seeded_ids=seeded_ids, request=request)
    assert all(row["review_status"] == "approved" for row in legacy["creative_assets"] if row["review_notes"])
    assert any(row["review_notes"] for row in legacy["creative_assets"])  # set, so the comparison means something
    assert legacy == synced


@pytest.mark.parametrize("owners_on_new", [False, True], ids=["production and onboarding on legacy", "on new"])
def test_a_rejection_sets_the_project_row_rejected_as_legacy_did(journey_env, seeded_ids, request, owners_on_new):
    """Q-10: after a rejection the project row reads REJECTED and the creatives 'rejected', on both paths, whichever
    path the rows' owners are on (their legacy adapters or their new paths' legacy views write them)."""
    legacy = legacy_rows(on_new_path=False, sync=False, seeded_ids=seeded_ids, request=request, reject=True)
    synced = legacy_rows(on_new_path=True, sync=True, seeded_ids=seeded_ids, request=request, reject=True,
                         owners_on_new=owners_on_new)
    assert ["REJECTED"] == [row["project_state"] for row in legacy["cam_campaigns"] if row["kind"] == "project"]
    assert legacy == synced


def test_without_the_sync_the_new_client_review_leaves_legacy_tables_alone(journey_env, seeded_ids, request):
    """The new client review itself never writes creative_assets nor cam_campaigns: without the sync nothing shows."""
    rows = legacy_rows(on_new_path=True, sync=False, seeded_ids=seeded_ids, request=request, reject=True)
    assert {(None, None, 0)} == {(r["review_status"], r["review_notes"], r["review_round"]) for r in rows["creative_assets"]}
    assert "REJECTED" not in [row["project_state"] for row in rows["cam_campaigns"]]


def test_client_review_writes_no_other_modules_table_its_owners_do(journey_env, seeded_ids, request, monitor):
    """The ownership monitor sees no write of client_review's: the review reaches creative_assets and the
    project row through production's and onboarding's ports, recorded as their writes."""
    legacy_rows(on_new_path=True, sync=True, seeded_ids=seeded_ids, request=request, reject=True)
    assert not [w for w in monitor.recorded if w.module == "client_review"]


@pytest.mark.parametrize("derived", [True, False], ids=["keys derived from the review", "planted: a fresh key per run"])
def test_a_replayed_feedback_has_its_owners_record_it_once(journey_env, legacy_database, database, request, monkeypatch,
                                                          derived):
    """The same feedback under its key again answers as first; the owners are asked again under the same keys and
    answer as they first did: one review recorded by production, one rejection by onboarding, no row updated.
    A fresh key per run (the planted fault) has production record the review twice."""
    from sqlalchemy import event

    from acl._support.idempotency import DurableIdempotency
    from aicmo.orchestration import client_review_effects

    ports = ports_with_new_client_review(database.url)
    request.getfixturevalue("fixed_clock")
    review = run_client_journey(ports, INTAKE, out_dir="out").review

    def recorded() -> tuple[int, int]:
        return (len(DurableIdempotency("production").recorded(("record_review",))),
                len(DurableIdempotency("onboarding").recorded(("record_client_rejection",))))

    before = recorded()  # the journey's own feedback was recorded by production already
    if not derived:
        runs = iter(range(100))
        monkeypatch.setattr(client_review_effects, "effect_key", lambda review, key, effect: f"{review.review_id}:{effect}:{next(runs)}")
    first = ports.client_review.record_feedback(review.review_id, REJECT, "reject")
    assert first.creatives
    updated: list[str] = []

    def count(_conn, cursor, statement, *_args) -> None:
        if statement.lstrip().upper().startswith(("UPDATE CREATIVE_ASSETS", "UPDATE CAM_CAMPAIGNS")) and cursor.rowcount:
            updated.append(statement.split()[1].lower())

    event.listen(legacy_database.engine, "after_cursor_execute", count)
    try:
        assert first == ports.client_review.record_feedback(review.review_id, REJECT, "reject")
    finally:
        event.remove(legacy_database.engine, "after_cursor_execute", count)
    assert [] == updated  # the values are there already
    after = recorded()
    assert ((1, 1) if derived else (2, 2)) == (after[0] - before[0], after[1] - before[1])


def test_a_package_legacy_opened_before_the_route_moved_is_adopted_once(journey_env, legacy_database, database, request):
    """A journey in flight: the package and its rounds came from legacy; the new path takes them in at first use
    and records the next feedback on them, as legacy would have; without the adoption it would not know the package."""
    from aicmo.client_review.api import ReviewNotFound

    legacy = bootstrap.legacy_ports()
    request.getfixturevalue("fixed_clock")
    before = run_client_journey(legacy, INTAKE, out_dir="out").review
    assert before.rounds and before.creatives  # a package with history, so the adoption means something
    with pytest.raises(ReviewNotFound):  # the planted fault: the bare new path, nothing adopts
        ports_with_new_client_review(database.url, legacy_view=False).client_review.get_review(before.review_id)
    new = ports_with_new_client_review(database.url).client_review
    assert before == new.get_review(before.review_id)
    after = new.record_feedback(before.review_id, REJECT, "reject")
    assert (before.rounds, "[rejected]") == (after.rounds[:-1], after.rounds[-1].note)
    assert [f"{c.review_notes}\n[rejected]" for c in before.creatives] == [c.review_notes for c in after.creatives]
    assert after == new.get_review(before.review_id)  # adopted once: its own record from now on
    rows = {row["id"]: row for row in legacy_database.rows("creative_assets")}
    assert {"rejected"} == {rows[str(c.creative_id)]["review_status"] for c in after.creatives}


def test_a_package_legacy_opened_is_adopted_before_it_is_withdrawn(journey_env, legacy_database, database, request):
    """A journey in flight compensated on the new route: the package legacy opened is withdrawn, not found missing;
    the bare new path (the planted fault: nothing adopts) would find nothing to compensate."""
    from aicmo.client_review.api import ReviewStatus
    from aicmo.shared.compensation import CompensationStatus

    request.getfixturevalue("fixed_clock")
    before = run_client_journey(bootstrap.legacy_ports(), INTAKE, out_dir="out").review
    bare = ports_with_new_client_review(database.url, legacy_view=False).client_review
    assert CompensationStatus.NOTHING_TO_COMPENSATE == bare.withdraw_review(before.review_id, "bare").status
    new = ports_with_new_client_review(database.url).client_review
    withdrawn = new.withdraw_review(before.review_id, "withdraw")
    assert (CompensationStatus.COMPENSATED, ReviewStatus.WITHDRAWN) == (withdrawn.status, new.get_review(before.review_id).status)
