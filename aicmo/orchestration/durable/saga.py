"""Which compensations a journey owes, read from the steps it completed.

Every step that changes state names the compensation that undoes it (MIGRATION.md,
"Compensations"): the table below. The ledger is built from the steps' recorded results, so
the workflow (as its steps complete, on a first run as on a replay) and `aicmo journeys
cancel` (from the records of a journey that has stopped) find the same compensations in the
same order. One compensation can cover several steps (cancelling the project undoes its
onboarding, every state it reached and its strategy); it is owed once.

The invoices are the pivot: once they are issued a failed step is retried until it succeeds,
never compensated, and only an operator's cancel voids them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

__all__ = ["PIVOT_STEP", "Ledger", "OwedCompensation"]

PIVOT_STEP = "billing.issue_milestone_invoices"


@dataclass(frozen=True)
class OwedCompensation:
    """One port call that undoes completed steps: ``port.method(target_id, key)``."""

    port: str
    method: str
    target_id: str

    @property
    def step(self) -> str:
        return f"{self.port}.{self.method}"

    @property
    def key_step(self) -> str:
        """The idempotency key's step part: the same in the failed workflow and in a later cancel."""
        return f"compensate:{self.step}:{self.target_id}"


def _project(output: dict[str, Any], client_id: Optional[str]) -> list[OwedCompensation]:
    return [OwedCompensation("cam", "cancel_project", str(output.get("client_id") or client_id))]


def _client(_output: dict[str, Any], client_id: Optional[str]) -> list[OwedCompensation]:
    return [OwedCompensation("cam", "cancel_project", str(client_id))]


def _creatives(output: dict[str, Any], _client_id: Optional[str]) -> list[OwedCompensation]:
    return [OwedCompensation("production", "discard_creatives", str(output["creative_set_id"]))]


def _qc_result(output: dict[str, Any], _client_id: Optional[str]) -> list[OwedCompensation]:
    return [OwedCompensation("qc", "void_result", str(output["qc_result_id"]))]


def _package(output: dict[str, Any], client_id: Optional[str]) -> list[OwedCompensation]:
    # legacy's packager also writes a delivery invoice: voiding the client's unpaid
    # invoices undoes it; before the pivot that invoice is the only one there is
    return [
        OwedCompensation("billing", "void_invoices", str(output.get("client_id") or client_id)),
        OwedCompensation("delivery", "withdraw_package", str(output["package_id"])),
    ]


def _invoices(_output: dict[str, Any], client_id: Optional[str]) -> list[OwedCompensation]:
    return [OwedCompensation("billing", "void_invoices", str(client_id))]


# step -> what undoes it; a step not named here changes nothing a compensation must undo (reads),
# or is covered by another's compensation (client_review's decisions live on the creative rows)
UNDOES: dict[str, Callable[[dict[str, Any], Optional[str]], list[OwedCompensation]]] = {
    "onboarding.onboard_client": _project,
    "onboarding.advance_project": _client,
    "strategy.draft_strategy": _client,
    "strategy.approve_strategy": _client,
    "production.produce_creatives": _creatives,
    "production.rewrite_creatives": _creatives,
    "client_review.open_review": _client,
    "qc.evaluate_creative_set": _qc_result,
    "delivery.deliver_package": _package,
    PIVOT_STEP: _invoices,
}


class Ledger:
    """The compensations owed for the steps completed so far, and whether the pivot is behind."""

    def __init__(self) -> None:
        self._owed: dict[OwedCompensation, None] = {}  # ordered by when first owed
        self._client_id: Optional[str] = None
        self.pivot_passed = False
        self.compensating = False
        self.failed_step: Optional[str] = None  # the step whose last attempt failed
        # the keyed calls made since the last step (`carried.py`): the next step's checkpoint records them
        self.unrecorded: list[dict[str, Any]] = []

    def carry(self, step: str, output: Any, started_ms: int, completed_ms: int) -> None:
        """A keyed call that is not a step completed: entered, and kept for the next step's checkpoint."""
        self.record(step, output)
        self.unrecorded.append({"name": step, "output": output, "started_ms": started_ms, "completed_ms": completed_ms})

    def take_unrecorded(self) -> list[dict[str, Any]]:
        """The keyed calls the next step's checkpoint carries (and forgets them here)."""
        taken, self.unrecorded = self.unrecorded, []
        return taken

    def record(self, step: str, output: Any) -> None:
        """A step completed with this (JSON) result."""
        undo = UNDOES.get(step)
        if undo is None or self.compensating:
            return
        if step == "onboarding.onboard_client":
            self._client_id = str(output["client_id"])
        for owed in undo(output, self._client_id):
            self._owed.setdefault(owed, None)
        if step == PIVOT_STEP:
            self.pivot_passed = True

    @property
    def persists(self) -> bool:
        """Whether a failing step is retried until it succeeds: after the pivot, and while compensating."""
        return self.pivot_passed or self.compensating

    def owed(self) -> list[OwedCompensation]:
        """The compensations owed, newest first (the pivot's too: a failed workflow never asks once it is behind)."""
        return list(reversed(list(self._owed)))

    @classmethod
    def of_steps(cls, steps: list[tuple[str, Any]]) -> "Ledger":
        """The ledger of a stopped journey, from its recorded (step, result) pairs."""
        ledger = cls()
        for name, output in steps:
            ledger.record(name, output)
        return ledger
