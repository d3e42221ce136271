"""The client project: its recorded state, its description with the notes added, and the machine moving it."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

import attrs

from aicmo.onboarding.api import ClientIntake, IllegalStateTransition, Pack, ProjectState

__all__ = ["ALLOWED_TRANSITIONS", "ChangeKind", "Project", "ProjectChange", "initial_description"]

S = ProjectState
# spec section 2: the canonical machine; every other move is illegal
ALLOWED_TRANSITIONS: dict[ProjectState, frozenset[ProjectState]] = {
    S.CREATED: frozenset({S.INTAKE_COMPLETE}),
    S.INTAKE_COMPLETE: frozenset({S.STRATEGY_GENERATED}),
    S.STRATEGY_GENERATED: frozenset({S.STRATEGY_APPROVED}),
    S.STRATEGY_APPROVED: frozenset({S.CAMPAIGN_DEFINED}),
    S.CAMPAIGN_DEFINED: frozenset({S.CREATIVE_GENERATED}),
    S.CREATIVE_GENERATED: frozenset({S.QC_FAILED, S.QC_APPROVED}),
    S.QC_FAILED: frozenset({S.QC_APPROVED}),
    S.QC_APPROVED: frozenset({S.DELIVERED}),
    S.DELIVERED: frozenset(),
}

# What the project knows of its strategy's status: the machine's own moves say it (as legacy's
# apply_to_campaign did), and so do the decision stamps strategy adds as notes (L-08). It only
# picks where a project in a non-canonical state restarts the machine (L-09).
_STATUS_AFTER_MOVE = {S.STRATEGY_GENERATED: "DRAFT", S.STRATEGY_APPROVED: "APPROVED"}
_STATUS_OF_STAMP = {"[Approved: ": "APPROVED", "[Rejected: ": "REJECTED"}


def initial_description(name: str) -> str:
    return f"Client project for {name}"


class ChangeKind:
    """Why a project changed: a command of the port, or a value a legacy writer left in the view."""

    ADVANCE = "advance"
    NOTE = "note"
    SKIPPED_GATE_DELIVERY = "skipped_gate"
    CLIENT_REJECTION = "client_rejection"
    CANCELLATION = "cancellation"
    LEGACY_STATE = "legacy_state"
    LEGACY_NOTE = "legacy_note"
    LEGACY_DESCRIPTION = "legacy_description"


@attrs.frozen
class ProjectChange:
    """One change of a project, numbered: what it was before and after."""

    version: int
    kind: str
    state_before: ProjectState
    state_after: ProjectState
    description_before: str
    description_after: str
    changed_at: datetime


@attrs.define
class Project:
    client_id: str
    name: str
    description: str
    state: ProjectState
    pack: Pack
    intake: ClientIntake
    created_at: datetime
    # legacy never moved it after creation, and readers compare it: it stays the creation instant
    updated_at: Optional[datetime]
    version: int = 0  # changes so far
    strategy_status_seen: Optional[str] = None

    @classmethod
    def onboarded(cls, client_id: str, intake: ClientIntake, now: datetime) -> "Project":
        """L-04: named after the brand, in STRATEGY_DRAFT (Q-02, kept: readers expect it)."""
        name = intake.brand_name or "Unknown"
        return cls(client_id=client_id, name=name, description=initial_description(name),
                   state=ProjectState.STRATEGY_DRAFT, pack=intake.pack, intake=intake,
                   created_at=now, updated_at=now)

    def _machine_state(self, target: ProjectState) -> ProjectState:
        """Where the machine starts from the recorded state."""
        if self.state is S.CANCELLED:
            raise IllegalStateTransition(f"CANCELLED -> {target.value}", current=S.CANCELLED.value, target=target.value)
        if self.state in ALLOWED_TRANSITIONS:
            return self.state
        if self.state is S.STRATEGY_DRAFT and self.strategy_status_seen is None:
            return S.CREATED  # a fresh project starts the machine at its beginning
        return S.STRATEGY_APPROVED if self.strategy_status_seen == "APPROVED" else S.STRATEGY_GENERATED

    def advance(self, target: ProjectState, now: datetime) -> ProjectChange:
        start = self._machine_state(target)
        if target not in ALLOWED_TRANSITIONS[start]:
            raise IllegalStateTransition(f"{start.value} -> {target.value}", current=start.value, target=target.value)
        self.strategy_status_seen = _STATUS_AFTER_MOVE.get(target, self.strategy_status_seen)
        return self._change(ChangeKind.ADVANCE, target, self.description, now)

    def deliver_past_skipped_gate(self, now: datetime) -> Optional[ProjectChange]:
        """Q-24: delivery went ahead past its skipped gate; from QC_FAILED the project is DELIVERED, else unchanged."""
        if self.state is not S.QC_FAILED:
            return None
        return self._change(ChangeKind.SKIPPED_GATE_DELIVERY, S.DELIVERED, self.description, now)

    def reject_by_client(self, now: datetime) -> Optional[ProjectChange]:
        """Q-10: the client rejected the review package; the project is REJECTED (outside the machine), once."""
        if self.state is S.REJECTED:
            return None
        return self._change(ChangeKind.CLIENT_REJECTION, S.REJECTED, self.description, now)

    def cancel(self, now: datetime) -> Optional[ProjectChange]:
        """The compensation of the journey: CANCELLED (outside the machine, left by no move); once."""
        if self.state is S.CANCELLED:
            return None
        return self._change(ChangeKind.CANCELLATION, S.CANCELLED, self.description, now)

    def add_note(self, note: str, now: datetime, kind: str = ChangeKind.NOTE) -> ProjectChange:
        for prefix, status in _STATUS_OF_STAMP.items():
            if note.startswith(prefix):
                self.strategy_status_seen = status
        return self._change(kind, self.state, f"{self.description} {note}", now)

    def record_state(self, state: ProjectState, now: datetime) -> ProjectChange:
        """A state a legacy writer set outside the machine (Q-10 REJECTED, Q-24 DELIVERED, CANCELLED)."""
        return self._change(ChangeKind.LEGACY_STATE, state, self.description, now)

    def record_description(self, description: str, now: datetime) -> ProjectChange:
        """A description a legacy writer replaced outright (not a note appended)."""
        return self._change(ChangeKind.LEGACY_DESCRIPTION, self.state, description, now)

    def _change(self, kind: str, state: ProjectState, description: str, now: datetime) -> ProjectChange:
        self.version += 1
        change = ProjectChange(version=self.version, kind=kind, state_before=self.state, state_after=state,
                               description_before=self.description, description_after=description, changed_at=now)
        self.state, self.description = state, description
        return change
