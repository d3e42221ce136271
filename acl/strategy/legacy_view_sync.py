"""The legacy view of the strategy: with strategy on its new path, keep the project row's strategy columns.

Legacy readers still read the plan and its status from the project row: the operator flow
(`aicmo/operator_services.py`: its summary and the markdown it packs) and onboarding's legacy
state machine (`Project.from_campaign` derives the state from `strategy_status`, L-09). The
new strategy keeps both in its own tables, so this writes `cam_campaigns.strategy_text` (the
legacy StrategyDoc's JSON, byte for byte) and `strategy_status` of the project row, exactly as
the legacy adapter did after a draft, an approval or a rejection. Nothing else on that row is
strategy's: the decision's stamp in the description is onboarding's, asked through its port.

One frozen legacy writer of `strategy_status` remains besides strategy's own code: onboarding's
legacy state machine (`Project.apply_to_campaign`, through acl/onboarding's advance_project)
writes "DRAFT" on STRATEGY_GENERATED and "APPROVED" on STRATEGY_APPROVED; and strategy's own
legacy code writes both columns whenever the route is back on legacy for a while (a rollback).
Before each call that reads or changes a strategy, the view is looked at:

- a view still holding what the owner held before its last change (its status, or its plan;
  no plan before the first draft) missed that change's sync (the owner committed, the process
  died before the view was written): it is written again;
- anything else the owner did not write is a legacy write, absorbed: handed to the new
  strategy as a message it applies in its own unit of work, once (a status alone; a plan the
  owner never held, with its status);
- a plan in the view of a strategy the new one never held was drafted by legacy before strategy
  moved to its new path: it is adopted (plan and status; legacy kept no decision).

The one case the view cannot tell apart is a legacy writer putting back exactly the status from
before the owner's last change: it is read as a lost sync.
"""
from __future__ import annotations

from typing import Any, Optional

from acl._support.legacy_session import legacy_session
from aicmo.onboarding.api import ClientProject
from aicmo.strategy.api import (
    Strategy,
    StrategyDocument,
    StrategyId,
    StrategyMarkdown,
    StrategyStatus,
    StrategyValidation,
)
from backend.db.models import CampaignRow

__all__ = ["StrategyWithLegacyView", "reconcile_legacy_view", "sync_legacy_view", "write_strategy_columns"]

MODULE = "strategy"


def legacy_text(strategy: Strategy) -> str:
    """strategy_text as legacy stored it: its StrategyDoc's model_dump_json, byte for byte."""
    return _text(strategy.document)


def _text(document: StrategyDocument) -> str:
    # The contract's StrategyDocument has legacy's fields in legacy's order (its pillars, KPIs
    # and channels too), and pydantic writes tuples as lists, so its JSON is legacy's JSON. This
    # file outlives strategy's legacy code, so it may not build legacy's StrategyDoc; the test
    # of this view proves the two equal.
    return document.model_dump_json()


def _project_row(session: Any, strategy_id: str) -> Optional[CampaignRow]:
    row = session.get(CampaignRow, str(strategy_id))
    # a strategy with no project row has no legacy reader either: nothing to keep in sync
    return row if row is not None and row.kind == "project" else None


def write_strategy_columns(row: CampaignRow, strategy_text: str, strategy_status: str) -> None:
    """The one place that writes strategy's columns of the project row: the legacy adapter's
    draft and this sync both write through it, so the write into cam's table is one, not two."""
    row.strategy_text = strategy_text
    row.strategy_status = strategy_status


def sync_legacy_view(strategy: Strategy) -> None:
    """Write the plan and its status onto the project row, as the legacy adapter wrote them."""
    with legacy_session(MODULE) as session:
        row = _project_row(session, strategy.strategy_id)
        if row is not None:
            write_strategy_columns(row, legacy_text(strategy), strategy.status.value)


def _seen(strategy_id: str) -> Optional[tuple[Optional[str], Optional[str]]]:
    with legacy_session(MODULE) as session:
        row = _project_row(session, strategy_id)
        return (row.strategy_text, row.strategy_status) if row is not None else None


def reconcile_legacy_view(strategy: Any, strategy_id: str) -> Optional[Strategy]:
    """Bring the view and the new strategy together: absorb a legacy write, or repair a lost sync.

    When the view already showed the strategy, the strategy as read for the comparison (so
    get_strategy need not read it again); None otherwise.
    """
    seen = _seen(strategy_id)
    if seen is None:
        return None
    text, status = seen
    basis = strategy.legacy_view_basis(strategy_id)
    if basis is None:
        _adopt(strategy, strategy_id, text, status)
        return None
    current = basis.strategy
    if text == legacy_text(current) and status == current.status.value:
        return current
    if status not in StrategyStatus.__members__:
        sync_legacy_view(current)  # no status of strategy's: the view is put right
    elif text == legacy_text(current):
        # the plan is the owner's; the status is a lost sync's leftover, or a legacy writer's
        if basis.previous_status is not None and status == basis.previous_status.value:
            sync_legacy_view(current)
        else:
            strategy.absorb_legacy_view(strategy_id, StrategyStatus(status), basis.revision)
    elif text is None or (basis.previous_document is not None and text == _text(basis.previous_document)):
        sync_legacy_view(current)  # the plan from before the last draft (none before the first): its sync was lost
    else:
        _absorb_plan(strategy, strategy_id, text, StrategyStatus(status), basis.revision, current)
    return None  # the strategy may have moved: read it anew


def _absorb_plan(strategy: Any, strategy_id: str, text: str, status: StrategyStatus, revision: int, current: Strategy) -> None:
    """A plan the owner never held: legacy's strategy drafted it while the route was back on legacy."""
    try:
        document = StrategyDocument.model_validate_json(text)
    except ValueError:
        sync_legacy_view(current)  # not a plan legacy writes: the view is put right
        return
    strategy.absorb_legacy_view(strategy_id, status, revision, document)


def _adopt(strategy: Any, strategy_id: str, text: Optional[str], status: Optional[str]) -> None:
    """A plan in the view that the new strategy never held was drafted on legacy (before the route moved): adopt it."""
    if not text or status not in StrategyStatus.__members__:
        return  # no plan drafted yet (onboarding's state machine may have written a status alone)
    try:
        document = StrategyDocument.model_validate_json(text)
    except ValueError:
        return  # not a plan legacy wrote: left to legacy's readers, unknown to the new strategy
    strategy.adopt_legacy_strategy(strategy_id, document, StrategyStatus(status))


class StrategyWithLegacyView:
    """A StrategyPort keeping the project row's strategy columns as legacy readers expect them.

    After each command the view is written from the strategy as it now stands (a replayed key
    answers as the first call did, which may be older than the strategy). The sync runs after
    strategy's own transaction committed and only overwrites the two columns, so running it
    again is safe.
    """

    def __init__(self, strategy: Any) -> None:
        self._strategy = strategy

    def draft_strategy(self, project: ClientProject, idempotency_key: str) -> Strategy:
        reconcile_legacy_view(self._strategy, project.client_id)
        drafted = self._strategy.draft_strategy(project, idempotency_key)
        self._sync(drafted.strategy_id)
        return drafted

    def validate_document(self, document: StrategyDocument) -> StrategyValidation:
        return self._strategy.validate_document(document)

    def approve_strategy(self, strategy_id: StrategyId, idempotency_key: str) -> Strategy:
        reconcile_legacy_view(self._strategy, strategy_id)
        approved = self._strategy.approve_strategy(strategy_id, idempotency_key)
        self._sync(strategy_id)
        return approved

    def reject_strategy(self, strategy_id: StrategyId, reason: str, idempotency_key: str) -> Strategy:
        reconcile_legacy_view(self._strategy, strategy_id)
        rejected = self._strategy.reject_strategy(strategy_id, reason, idempotency_key)
        self._sync(strategy_id)
        return rejected

    def get_strategy(self, strategy_id: StrategyId) -> Strategy:
        in_step = reconcile_legacy_view(self._strategy, strategy_id)
        return in_step if in_step is not None else self._strategy.get_strategy(strategy_id)

    def render_markdown(self, strategy_id: StrategyId) -> StrategyMarkdown:
        reconcile_legacy_view(self._strategy, strategy_id)
        return self._strategy.render_markdown(strategy_id)

    def _sync(self, strategy_id: str) -> None:
        sync_legacy_view(self._strategy.get_strategy(strategy_id))
