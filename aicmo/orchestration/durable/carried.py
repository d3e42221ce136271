"""The keyed calls a journey made since its last step, written with the next step's checkpoint.

A keyed call that is not a step (``ports.KEYED_CALLS``) leaves its idempotency record, which is
what makes it exactly-once, but nothing in the journey's own record. So that a journey's record
still lists every call it made, in order (`aicmo journeys show`, the compensations a cancel
reads), the next step's checkpoint carries them: its recorded result is then
``{CARRIED: [call, ...], "result": <the step's own result>}``, each call with its name, its
answer and when it started and ended. Readers expand it back into the calls followed by the
step. A call made after the journey's last step, or by a process that died before its next
step, is not in the record: its idempotency record alone keeps it (a resumed journey asks it
again and carries it then), and the project's cancellation, owed from the onboarding step on,
undoes whatever it did.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

__all__ = ["CARRIED", "RecordedCall", "carrying", "expand", "result_of"]

CARRIED = "keyed_calls_before"  # no port's answer has a field of that name


@dataclass(frozen=True)
class RecordedCall:
    """One call of a journey's record: a step, or a keyed call a step carried."""

    name: str
    output: Any
    started_ms: Optional[int]
    completed_ms: Optional[int]


def carrying(calls: list[dict[str, Any]], result: Any) -> Any:
    """What a step records: its result, with the keyed calls made before it when there are any."""
    return {CARRIED: calls, "result": result} if calls else result


def _carries(output: Any) -> bool:
    return isinstance(output, dict) and output.keys() == {CARRIED, "result"}


def result_of(output: Any) -> Any:
    """The step's own result, out of what it recorded."""
    return output["result"] if _carries(output) else output


def expand(name: str, output: Any, started_ms: Optional[int], completed_ms: Optional[int]) -> list[RecordedCall]:
    """A recorded step as the calls it stands for: the keyed calls it carried, then itself."""
    if not _carries(output):
        return [RecordedCall(name, output, started_ms, completed_ms)]
    carried = [RecordedCall(c["name"], c["output"], c["started_ms"], c["completed_ms"]) for c in output[CARRIED]]
    return [*carried, RecordedCall(name, output["result"], started_ms, completed_ms)]
