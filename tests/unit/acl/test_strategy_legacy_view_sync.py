"""The legacy view of the strategy: with strategy on its new path, the project row's strategy columns read as before.

After a journey the legacy tables are the same on both paths with the sync, and not without
it; a status a frozen legacy writer puts in the view (onboarding's legacy state machine) is
absorbed by the new strategy; a view that missed a sync is written again, not absorbed.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from acl._support.ownership_monitor import ForeignWrite
from acl.strategy.legacy_view_sync import StrategyWithLegacyView, legacy_text
from acl.strategy.translation import document_to_legacy
from aicmo.legacy_harness.pytest_plugin import legacy_memory_database
from aicmo.onboarding.api import ProjectState
from aicmo.orchestration import bootstrap
from aicmo.orchestration.journey import run_client_journey
from aicmo.strategy.api import Strategy, StrategyStatus
from aicmo.strategy.internal.model import Channel, Plan, PlanKpi, PlanPillar
from aicmo.strategy.internal.translation import document_dto
from backend.llm.client import LLMClient, get_llm_client, set_llm_client
from tests.new_paths import ports_with_new_strategy
from tests.port_suites.builders import INTAKE

pytestmark = pytest.mark.legacy_internals("strategy", "domain")

# adapters and the new strategy imported before the clock is frozen (pydantic must not meet freezegun's date)
ports_with_new_strategy()

STRATEGY_COLUMNS = ("id", "strategy_text", "strategy_status")


@pytest.fixture
def journey_env(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for name in ("AICMO_E2E_MODE", "AICMO_REVIEW_CHANGE_SHARE", "AICMO_OUTPUT_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def silent_provider():
    """Every provider answers nothing: the plan is the fallback, which fails validation (Q-03), so it is REJECTED."""
    class Silent:
        name = "silent"

        def complete(self, task, prompt, context):
            return ""

    before = get_llm_client()
    set_llm_client(LLMClient([Silent()]))
    yield
    set_llm_client(before)


def journey_tables(strategy_on_new_path: bool, sync: bool, seeded_ids, request) -> dict[str, list[dict]]:
    """Every legacy table after one journey on a fresh legacy database, ids seeded alike each time."""
    seeded_ids.reseed("legacy-view")
    with legacy_memory_database() as database:
        ports = ports_with_new_strategy(legacy_view=sync) if strategy_on_new_path else bootstrap.legacy_ports()
        request.getfixturevalue("fixed_clock")
        run_client_journey(ports, INTAKE, out_dir="out")
        return database.dump()


def test_the_synced_legacy_view_equals_what_legacy_strategy_wrote(journey_env, seeded_ids, request):
    """Every legacy table, the project row's strategy columns and description included, is the same on both paths."""
    legacy = journey_tables(strategy_on_new_path=False, sync=False, seeded_ids=seeded_ids, request=request)
    synced = journey_tables(strategy_on_new_path=True, sync=True, seeded_ids=seeded_ids, request=request)
    projects = [r for r in legacy["cam_campaigns"] if r["kind"] == "project"]
    assert projects and all(r["strategy_text"] and r["strategy_status"] == "APPROVED" for r in projects)
    assert all("[Approved: " in r["description"] for r in projects)
    assert legacy == synced


def test_without_the_sync_the_new_strategy_leaves_the_project_row_s_plan_alone(journey_env, seeded_ids, request):
    """The new strategy itself never writes cam_campaigns: without the sync no plan is there, and the tables differ."""
    legacy = journey_tables(strategy_on_new_path=False, sync=False, seeded_ids=seeded_ids, request=request)
    bare = journey_tables(strategy_on_new_path=True, sync=False, seeded_ids=seeded_ids, request=request)
    assert [None] == [r["strategy_text"] for r in bare["cam_campaigns"] if r["kind"] == "project"]
    assert legacy != bare


def test_the_sync_is_recorded_as_strategy_writing_the_project_row(journey_env, seeded_ids, request, monitor):
    """The ownership monitor sees the sync for what it is: strategy writing cam's table, and nothing else of strategy's."""
    journey_tables(strategy_on_new_path=True, sync=True, seeded_ids=seeded_ids, request=request)
    assert ForeignWrite("strategy", "cam_campaigns") in monitor.recorded
    assert {"cam_campaigns"} == {w.table for w in monitor.recorded if w.module == "strategy"}


def _onboarded(ports):
    project = ports.onboarding.onboard_client(INTAKE, "onboard")
    return ports.onboarding.advance_project(project.client_id, ProjectState.INTAKE_COMPLETE, "intake")


def _view(database, strategy_id: str) -> tuple:
    row = next(r for r in database.rows("cam_campaigns") if r["id"] == strategy_id)
    return row["strategy_text"], row["strategy_status"]


def test_a_status_written_by_onboarding_s_legacy_state_machine_is_absorbed(journey_env, silent_provider, request):
    """The plan is REJECTED (L-07); onboarding's legacy STRATEGY_GENERATED writes DRAFT (L-09b): both paths then read DRAFT.

    On the new path the new strategy took the status over in its own tables, once (its inbox).
    """
    answers = {}
    for on_new in (False, True):
        with legacy_memory_database():
            ports = ports_with_new_strategy() if on_new else bootstrap.legacy_ports()
            request.getfixturevalue("fixed_clock")
            project = _onboarded(ports)
            drafted = ports.strategy.draft_strategy(project, "draft")
            ports.onboarding.advance_project(project.client_id, ProjectState.STRATEGY_GENERATED, "generated")
            answers[on_new] = (drafted.status, ports.strategy.get_strategy(drafted.strategy_id).status)
    assert (StrategyStatus.REJECTED, StrategyStatus.DRAFT) == answers[False] == answers[True]


def test_the_absorbed_status_is_the_new_strategy_s_own(journey_env, silent_provider, request):
    """Absorbed, the status is in strategy's tables: the bare new strategy reads it, with the rejected one as the previous."""
    with legacy_memory_database():
        bare = ports_with_new_strategy(legacy_view=False)
        request.getfixturevalue("fixed_clock")
        viewed = StrategyWithLegacyView(bare.strategy)
        project = _onboarded(bare)
        drafted = viewed.draft_strategy(project, "draft")
        bare.onboarding.advance_project(project.client_id, ProjectState.STRATEGY_GENERATED, "generated")
        viewed.get_strategy(drafted.strategy_id)
        viewed.get_strategy(drafted.strategy_id)  # looked at again: nothing new to absorb
        basis = bare.strategy.legacy_view_basis(drafted.strategy_id)
        assert (StrategyStatus.DRAFT, StrategyStatus.REJECTED, 1) == (basis.strategy.status, basis.previous_status, basis.revision)


def test_a_lost_sync_is_written_again_not_absorbed(journey_env, request):
    """The owner committed, the view was not written (a crash in between): the next call repairs the view from the owner."""
    with legacy_memory_database() as database:
        bare = ports_with_new_strategy(legacy_view=False)
        request.getfixturevalue("fixed_clock")
        viewed = StrategyWithLegacyView(bare.strategy)
        project = _onboarded(bare)
        # the draft's sync lost: the row holds no plan
        drafted = bare.strategy.draft_strategy(project, "draft")
        assert (None, None) == _view(database, drafted.strategy_id)
        viewed.get_strategy(drafted.strategy_id)
        assert (legacy_text(drafted), drafted.status.value) == _view(database, drafted.strategy_id)
        # the approval's sync lost: the view still holds the status from before it
        approved = bare.strategy.approve_strategy(drafted.strategy_id, "approve")
        assert drafted.status.value == _view(database, drafted.strategy_id)[1]
        read = viewed.get_strategy(drafted.strategy_id)
        assert (StrategyStatus.APPROVED, approved.decisions) == (read.status, read.decisions)
        assert "APPROVED" == _view(database, drafted.strategy_id)[1]
        # repaired, not absorbed: the owner's strategy did not change (draft 0, approval 1)
        assert 1 == bare.strategy.legacy_view_basis(drafted.strategy_id).revision


texts = st.text(max_size=40)
plans = st.builds(
    Plan, texts, texts, texts, st.lists(st.builds(PlanPillar, texts, texts, texts), min_size=3, max_size=3).map(tuple),
    st.lists(st.builds(PlanKpi, texts, texts, texts, st.integers(0, 10**6)), max_size=3).map(tuple),
    st.lists(st.builds(Channel, texts, st.integers(0, 100)), max_size=3).map(tuple), texts)


@settings(max_examples=200, derandomize=True, database=None, deadline=None)
@given(plan=plans)
def test_the_view_s_plan_is_legacy_s_json_byte_for_byte(plan):
    """strategy_text from the contract's document equals legacy StrategyDoc.model_dump_json, escapes and all."""
    document = document_dto(plan)
    strategy = Strategy.model_construct(document=document)
    assert document_to_legacy(document).model_dump_json() == legacy_text(strategy)


def test_a_strategy_drafted_on_legacy_is_adopted_when_the_route_moves_to_new(journey_env, request):
    """Drafted while strategy was on legacy, read and approved on new: the plan and status legacy wrote, then the approval."""
    with legacy_memory_database() as database:
        legacy = bootstrap.legacy_ports()
        request.getfixturevalue("fixed_clock")
        project = _onboarded(legacy)
        drafted = legacy.strategy.draft_strategy(project, "draft")
        new = ports_with_new_strategy()
        adopted = new.strategy.get_strategy(drafted.strategy_id)
        assert drafted == adopted  # legacy's draft answer lists no decision either
        approved = new.strategy.approve_strategy(drafted.strategy_id, "approve")
        assert (StrategyStatus.APPROVED, 1) == (approved.status, len(approved.decisions))
        assert (legacy_text(drafted), "APPROVED") == _view(database, drafted.strategy_id)
        description = new.onboarding.get_project(project.client_id).description
        assert description.endswith(approved.decisions[0].project_note)


class _Answering:
    name = "answering"

    def __init__(self, answer: str) -> None:
        self.answer = answer

    def complete(self, task, prompt, context):
        return self.answer


@pytest.fixture
def provider():
    """The providers' one answer, to be set by the test ("" at first: the fallback plan)."""
    answering = _Answering("")
    before = get_llm_client()
    set_llm_client(LLMClient([answering]))
    yield answering
    set_llm_client(before)


GOOD_PLAN = ('{"executive_summary": "A plan that reaches office managers with fresh sourdough every single week.", '
             '"pillars": [{"name": "Fresh", "description": "Baked daily", "kpi_impact": "Retention +5%"}], "timeline": "60 days"}')


def test_a_plan_legacy_drafted_while_the_route_was_back_on_legacy_is_absorbed(journey_env, provider, request):
    """Drafted and approved on new, redrafted on legacy (a rollback), read on new: legacy's plan and status, the decisions kept."""
    with legacy_memory_database() as database:
        new = ports_with_new_strategy()
        request.getfixturevalue("fixed_clock")
        project = _onboarded(new)
        drafted = new.strategy.draft_strategy(project, "draft")
        new.strategy.approve_strategy(drafted.strategy_id, "approve")
        provider.answer = GOOD_PLAN
        redrafted = bootstrap.legacy_ports().strategy.draft_strategy(project, "redraft")
        assert redrafted.document != drafted.document
        read = new.strategy.get_strategy(drafted.strategy_id)
        assert (redrafted.document, StrategyStatus.DRAFT, 1) == (read.document, read.status, len(read.decisions))
        assert (legacy_text(redrafted), "DRAFT") == _view(database, drafted.strategy_id)


def test_a_lost_redraft_sync_is_written_again_not_absorbed(journey_env, provider, request):
    """A redraft committed by the owner whose sync was lost: the view holds the plan from before it, and is repaired."""
    with legacy_memory_database() as database:
        bare = ports_with_new_strategy(legacy_view=False)
        request.getfixturevalue("fixed_clock")
        viewed = StrategyWithLegacyView(bare.strategy)
        project = _onboarded(bare)
        drafted = viewed.draft_strategy(project, "draft")
        provider.answer = GOOD_PLAN
        redrafted = bare.strategy.draft_strategy(project, "redraft")  # its sync lost
        assert (legacy_text(drafted), "REJECTED") == _view(database, drafted.strategy_id)
        assert redrafted == viewed.get_strategy(drafted.strategy_id).model_copy(update={"decisions": ()})
        assert (legacy_text(redrafted), "DRAFT") == _view(database, drafted.strategy_id)
        assert 1 == bare.strategy.legacy_view_basis(drafted.strategy_id).revision  # repaired, nothing absorbed


def test_a_view_in_step_lets_get_strategy_read_the_strategy_once(journey_env, request):
    """Nothing to absorb or repair: get_strategy answers with the strategy its comparison read (one read, not two)."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    with legacy_memory_database():
        bare = ports_with_new_strategy(legacy_view=False)
        request.getfixturevalue("fixed_clock")
        viewed = StrategyWithLegacyView(bare.strategy)
        drafted = viewed.draft_strategy(_onboarded(bare), "draft")
        reads = []

        def count(_conn, _cursor, statement, *_args) -> None:
            if statement.lstrip().upper().startswith("SELECT") and "strategy_strategies" in statement:
                reads.append(statement)

        event.listen(Engine, "before_cursor_execute", count)
        try:
            assert drafted == viewed.get_strategy(drafted.strategy_id)
        finally:
            event.remove(Engine, "before_cursor_execute", count)
        assert 1 == len(reads)
