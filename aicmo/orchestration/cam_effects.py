"""What cam's compensation changes in onboarding's records, asked of the owner (spec section 11, MIGRATION.md).

The saga's compensation of onboarding's and strategy's steps is `cam.cancel_project`: legacy cam
marked the client project's row CANCELLED, since the project sat in cam's table. The project is
onboarding's now ("Who owns the client project"), and the new cam holds none: it answers that it
has nothing of its own to undo, and this wrapper then asks onboarding, the owner, to cancel the
project, with an idempotency key derived from the compensation's own key, so a replayed
compensation asks again under the same key and onboarding answers as it first did. Onboarding's
answer is the compensation's. It lives at the composition root because cam depends on no module
(`[tool.aicmo.modules]`). Every other call goes to cam unchanged.
"""
from __future__ import annotations

import hashlib
from typing import Any, Callable

from aicmo.cam.api import CamPort
from aicmo.orchestration import owner_effects
from aicmo.orchestration.owner_effects import ThroughOwners
from aicmo.orchestration.ports import ModulePorts
from aicmo.shared.compensation import Compensation
from aicmo.shared.ids import ClientId

__all__ = ["CamThroughOwners", "effect_key"]


def effect_key(client_id: ClientId, compensation_key: str, effect: str) -> str:
    """The key of one effect of one compensation: the client and the compensation's own key (digested)."""
    digest = hashlib.sha256(compensation_key.encode()).hexdigest()[:24]
    return owner_effects.effect_key("cam.cancel_project", client_id, digest, effect=effect)


class CamThroughOwners(ThroughOwners[CamPort]):
    """A CamPort whose cancel_project has onboarding, the project's owner, cancel the project."""

    def __init__(self, cam: CamPort, bundle: Callable[[], ModulePorts]) -> None:
        super().__init__(cam, bundle)
        self._cam = cam

    def __getattr__(self, method: str) -> Any:
        # every other call is cam's own, unchanged
        return getattr(self._cam, method)

    def cancel_project(self, client_id: ClientId, idempotency_key: str) -> Compensation:
        self._cam.cancel_project(client_id, idempotency_key)  # cam's own part: nothing it holds
        return self._owners().onboarding.cancel_project(client_id, effect_key(client_id, idempotency_key, "project"))
