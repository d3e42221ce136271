"""Why a migration change is refused."""
from __future__ import annotations

from aicmo.strangler.evidence.gate import GateVerdict

__all__ = ["ChangeRefused", "InvalidChange", "PromotionRefused", "UnknownModule"]


class UnknownModule(ValueError):
    """A module name that is not one of the ten business modules (bad input)."""


class ChangeRefused(ValueError):
    """A change the rules forbid (an override beyond the gate, a rollout out of range)."""


class InvalidChange(ChangeRefused):
    """A change no state could allow (a rollout outside 0-100, an empty reason or tenant, a tenant
    sent to deleted): bad input, as opposed to a change the current state refuses."""


class PromotionRefused(ChangeRefused):
    """The gate is closed; the message lists every missing piece of evidence."""

    def __init__(self, module: str, target: str, verdict: GateVerdict) -> None:
        super().__init__(f"{module}: promotion to {target} refused; missing evidence: " + "; ".join(verdict.missing))
        self.verdict = verdict
