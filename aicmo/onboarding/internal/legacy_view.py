"""What onboarding tells its legacy view (the cam_campaigns project row) and what it takes in from it.

The view is written by the ACL after each change. Frozen legacy writers of other modules still
write that row (client_review Q-10, delivery Q-24, strategy's approval stamps while strategy is
on legacy, cam's cancellation): such a value is taken in here, as a message applied in
onboarding's own unit of work, once (the inbox). A view still holding what it held before the
owner's last change is not a legacy write but a lost sync: the values before that change are
kept with it (ProjectChange), so the ACL can tell the two apart.
"""
from __future__ import annotations

from typing import Optional

import attrs

from aicmo.onboarding.api import ClientProject, ProjectState
from aicmo.shared.ids import MessageId, derived_id

__all__ = ["LEGACY_VIEW_SUBSCRIBER", "LegacyWrite", "ViewColumn", "ViewExpectation"]

LEGACY_VIEW_SUBSCRIBER = "onboarding.legacy_view"


class ViewColumn:
    PROJECT_STATE = "project_state"
    DESCRIPTION = "description"


@attrs.frozen
class ViewExpectation:
    """What the view should hold now, and what it held before the owner's last change."""

    project: ClientProject
    version: int
    view_written: bool  # the view is known to hold this version already
    # before the owner's last command, while the view is not known to hold it (None otherwise:
    # no command since the creation, a value taken in from the view came after it, or its sync
    # is known to have landed)
    state_before: Optional[ProjectState]
    description_before: Optional[str]


@attrs.frozen
class LegacyWrite:
    """A value a legacy writer left in one column of the view, seen when the project was at ``version``."""

    column: str
    value: str
    version: int

    def message_id(self, client_id: str) -> MessageId:
        # the same write seen by two callers is one message; the same value written again
        # after a later change is another
        return derived_id(MessageId, client_id, "legacy-view", self.version, self.column, self.value)
