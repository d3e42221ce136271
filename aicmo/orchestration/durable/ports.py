"""The module ports with every method call a checkpointed workflow step (but the PLAIN_CALLS and KEYED_CALLS).

A step's result is stored as JSON (the port's declared return type, through pydantic) and read
back through the same type, on the first run as on a replay, so a journey continued after a
crash sees exactly the values the first process saw. A step replayed from its checkpoint is not
called again: the port's side effects happen once per completed step.

A failing call is attempted again within the step (ATTEMPTS); a step that still fails ends
the journey's forward path, except after the pivot and while compensating, where it is
retried durably until it succeeds. Each completed step is entered in the journey's ledger of
compensations (`saga.py`).
"""
from __future__ import annotations

import dataclasses
import functools
import os
import sys
import time
import typing
from typing import Any, Callable, Optional

from pydantic import TypeAdapter

from aicmo.orchestration.durable.carried import carrying, result_of
from aicmo.orchestration.durable.fault_hook import raise_if_planted
from aicmo.orchestration.durable.pause_hook import pause_if_asked
from aicmo.orchestration.durable.saga import Ledger
from aicmo.orchestration.ports import ModulePorts

__all__ = ["ATTEMPTS", "KEYED_CALLS", "PLAIN_CALLS", "RETRY_ENV", "checkpointed", "durable_ports"]


@functools.cache
def _port_types() -> dict[str, type]:
    return typing.get_type_hints(ModulePorts)


@functools.cache
def _result_type(module: str, method: str) -> TypeAdapter[Any]:
    """How the result of ``module.method`` goes to JSON and back: the port Protocol's declared return type."""
    declared = typing.get_type_hints(getattr(_port_types()[module], method))
    return TypeAdapter(declared["return"])


# a step's attempts within one run: a transient fault (a lost connection, a crash between the
# port's commit and the checkpoint) is met by calling again with the same idempotency key, which
# finds the first call's effect; a fault that persists fails the step after the last attempt
ATTEMPTS = 3
FIRST_PAUSE_S = 0.05
# a step that must not fail (after the pivot, or a compensation) is retried durably, the pause
# doubling from RETRY_ENV's seconds up to RETRY_CAP_S, until it succeeds
RETRY_ENV = "AICMO_JOURNEY_RETRY_SECONDS"
RETRY_CAP_S = 300.0


def _attempts(name: str, call: Callable[[], Any]) -> Callable[[], Any]:
    def attempt() -> Any:
        from dbos import DBOS

        for number in range(1, ATTEMPTS + 1):
            try:
                pause_if_asked(name, "before")
                raise_if_planted(name, "before", DBOS.workflow_id or "")
                result = call()
                pause_if_asked(name, "after")
                raise_if_planted(name, "after", DBOS.workflow_id or "")
                return result
            except Exception:
                if number == ATTEMPTS:
                    raise
                time.sleep(FIRST_PAUSE_S * 2 ** (number - 1))
        raise AssertionError("unreachable")

    return attempt


def _retry_pause(failures: int) -> float:
    return min(RETRY_CAP_S, float(os.environ.get(RETRY_ENV, "1")) * 2 ** (failures - 1))


# Calls that are not steps: a replay computes again what the first run computed, so a
# checkpoint (a commit on the journeys' database, the engine's lookups around it) buys nothing.
# - onboarding.check_intake is a pure function of the intake, which is the workflow's input:
#   both paths apply legacy's rule (proven equal by the differential tests), no state is read;
# - strategy.get_strategy and production.get_creative_set are the journey's last calls, reads
#   whose answers go only into the journey's output: no later step, decision or key depends
#   on them, and a replay reaches them only when the first run never returned that output.
# Any read whose answer steers what the journey does next (the project's state before the
# delivery, the calendar, the simulated feedback) or enters a keyed request stays a step.
# A plain call fails as a step does: before the pivot it ends the journey (compensated); after
# it, it is called again until it answers (the pause as a step's, but not durable: a journey
# resumed meanwhile simply calls it again). Changing this set changes a journey's sequence of
# steps: JOURNEY_APP_VERSION moves with it.
PLAIN_CALLS = frozenset({"onboarding.check_intake", "strategy.get_strategy", "production.get_creative_set"})


# Keyed calls that are not steps either: their idempotency record is their checkpoint. Each
# commits its effect with a record of its first answer under the journey's key for that call
# (`acl/_support/idempotency.py`, and every new implementation likewise), so asking again with
# the same key and request returns that answer without a second effect, in this process or in
# one started after a crash; the same key with another request is refused. A replay therefore
# asks them again and gets what the first run got, as a step replayed from its checkpoint
# would, and an id sequence a reproducible run draws from goes on after the ids they drew. A
# step's checkpoint would buy nothing more for them but a commit and the engine's lookups:
# - their answers (the project, the strategy, the review, the proposal, report and retention
#   assessment) are read back through the port's declared type on the first run too, so the
#   journey builds the same later requests from them on a replay as on the first run;
# - the only compensation any of them is owed is the project's cancellation, which the
#   onboarding step (a step, always first) owes already: what `aicmo journeys cancel` reads
#   from the recorded steps owes the same compensations in the same order (`saga.py` checks it);
# - they fail as steps do: attempted again within the call (a fault after the commit finds
#   the first answer by its key), then before the pivot the journey is compensated, after it
#   they are asked again until they answer (the pause not durable: a journey resumed meanwhile
#   simply asks again).
# The writes that a compensation targets by what they answered (the creative sets, the QC
# results, the package, the invoices) and the onboarding stay steps. Changing this set changes
# a journey's sequence of steps: JOURNEY_APP_VERSION moves with it.
KEYED_CALLS = frozenset({
    "onboarding.advance_project", "strategy.draft_strategy", "strategy.approve_strategy", "client_review.open_review",
    "client_review.record_feedback", "billing.issue_proposal", "reporting.generate_report", "retention.assess_retention",
})


def _until_done(name: str, run: Callable[[], Any], ledger: Optional[Ledger], pause: Callable[[float], None]) -> Any:
    """``run()``; when it fails, the journey's failed step, or after the pivot and while compensating, ``run()``
    again after ``pause`` until it succeeds."""
    from dbos._error import DBOSException

    failures = 0
    while True:
        try:
            return run()
        except DBOSException:
            raise  # the engine's own: never retried nor compensated
        except Exception as exc:
            if ledger is None or not ledger.persists:
                if ledger is not None:
                    ledger.failed_step = name
                raise
            failures += 1
            seconds = _retry_pause(failures)
            sys.stderr.write(f"{name} failed ({type(exc).__name__}: {exc}); retry {failures} in {seconds:g} s\n")
            pause(seconds)


def _plain(name: str, target: Callable[..., Any], ledger: Optional[Ledger]) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        from dbos import DBOS

        def once() -> Any:
            raise_if_planted(name, "before", DBOS.workflow_id or "")
            return target(*args, **kwargs)

        return _until_done(name, once, ledger, time.sleep)

    return call


def _keyed(name: str, target: Callable[..., Any], adapter: TypeAdapter[Any], ledger: Optional[Ledger]) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        started_ms = _now_ms()
        attempt = _attempts(name, lambda: adapter.dump_python(target(*args, **kwargs), mode="json"))
        output = _until_done(name, attempt, ledger, time.sleep)
        if ledger is not None:
            ledger.carry(name, output, started_ms, _now_ms())
        return adapter.validate_python(output)

    return call


class _DurablePort:
    """One module's port; each method call is the step ``<module>.<method>`` of the running workflow."""

    def __init__(self, module: str, port: Any, ledger: Optional[Ledger]) -> None:
        self._module, self._port, self._ledger = module, port, ledger

    def __getattr__(self, method: str) -> Callable[..., Any]:
        target = getattr(self._port, method)
        if f"{self._module}.{method}" in PLAIN_CALLS:
            return _plain(f"{self._module}.{method}", target, self._ledger)
        adapter = _result_type(self._module, method)
        name = f"{self._module}.{method}"
        ledger = self._ledger
        if name in KEYED_CALLS:
            return _keyed(name, target, adapter, ledger)

        def step(*args: Any, **kwargs: Any) -> Any:
            output = checkpointed(name, lambda: adapter.dump_python(target(*args, **kwargs), mode="json"), ledger)
            return adapter.validate_python(output)

        return step


def _now_ms() -> int:
    return int(time.time() * 1000)


def checkpointed(name: str, call: Callable[[], Any], ledger: Optional[Ledger]) -> Any:
    """``call()`` (its result JSON) as the workflow step ``name``: attempted again within the step, retried
    durably when the ledger says it must not fail, entered in the ledger once it completed. Its checkpoint
    carries the keyed calls made since the last step (`carried.py`)."""
    from dbos import DBOS

    attempt = _attempts(name, call)
    carried = ledger.take_unrecorded() if ledger is not None else []

    def step() -> Any:
        return carrying(carried, attempt())

    # the pause durable: a journey resumed after a crash waits only what is left; replayed, the
    # step returns what it recorded, whose carried calls this run has just asked again
    output = result_of(_until_done(name, lambda: DBOS.run_step({"name": name}, step), ledger, DBOS.sleep))
    if ledger is not None:
        ledger.record(name, output)
    return output


def durable_ports(ports: ModulePorts, ledger: Optional[Ledger] = None) -> ModulePorts:
    """The same ports, each call checkpointed, each completed step entered in the ledger; call it inside a workflow."""
    return ModulePorts(**{f.name: _DurablePort(f.name, getattr(ports, f.name), ledger) for f in dataclasses.fields(ports)})
