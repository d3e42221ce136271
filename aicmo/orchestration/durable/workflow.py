"""The client journey as a DBOS workflow: its id from the intake, each port call a step (`ports.py` says which are not).

The workflow's input is a plain JSON request (intake, output folder, database, route
overrides, the reproducible seed and instant), so a journey is continued after a crash by any
process with exactly what the first process was asked. Its result is the journey's output.

A step that fails before the pivot (the invoices) ends the journey: the compensations of the
completed steps run, newest first, each a step of its own (so a crash while compensating
continues the compensation), and the journey ends in error saying what was undone.
"""
from __future__ import annotations

from contextlib import nullcontext
from typing import Any, Optional

from dbos import DBOS

from aicmo.orchestration.durable.carried import expand
from aicmo.orchestration.durable.clock import DurableClock
from aicmo.orchestration.durable.ports import durable_ports
from aicmo.orchestration.durable.saga import Ledger
from aicmo.orchestration.keys import RunKeys
from aicmo.orchestration.ports import ModulePorts
from aicmo.shared.compensation import Compensation

__all__ = [
    "CANCEL_SUFFIX", "CANCELLATION_WORKFLOW", "JOURNEY_WORKFLOW", "JourneyCompensated", "client_journey", "journey_cancellation",
    "journey_request",
]

JOURNEY_WORKFLOW = "client_journey"
CANCELLATION_WORKFLOW = "journey_cancellation"
CANCEL_SUFFIX = "-cancel"  # a journey's cancellation runs as the workflow <journey id>-cancel


def journey_request(
    intake: Any, out_dir: str, database_url: str, routes: dict[str, Any], seed: Optional[str], at: Optional[str]
) -> dict[str, Any]:
    """What one journey is asked, as JSON."""
    return {
        "intake": intake.model_dump(mode="json"),
        "out_dir": out_dir,
        "database_url": database_url,
        "routes": {module: getattr(route, "value", route) for module, route in routes.items()},
        "seed": seed,
        "at": at,
    }


class JourneyCompensated(RuntimeError):
    """A step failed before the pivot; the completed steps were compensated, newest first."""


def _compensate(ports: ModulePorts, ledger: Ledger, keys: RunKeys) -> list[Compensation]:
    """Run the owed compensations, newest first, each a step retried until it succeeds."""
    ledger.compensating = True
    return [getattr(getattr(ports, owed.port), owed.method)(owed.target_id, keys(owed.key_step)) for owed in ledger.owed()]


def _summary(done: list[Compensation]) -> str:
    return ", ".join(f"{c.action} {c.target_id} {c.status.value}" for c in done) or "nothing to compensate"


@DBOS.workflow(name=JOURNEY_WORKFLOW)
def client_journey(request: dict[str, Any]) -> dict[str, Any]:
    from dbos._error import DBOSException

    from aicmo.cli_support.reproducible import parse_instant, reproducible
    from aicmo.onboarding.api import ClientIntake
    from aicmo.orchestration.journey import run_client_journey
    from aicmo.orchestration.journey_output import journey_output

    journey_id = DBOS.workflow_id or ""
    intake = ClientIntake.model_validate(request["intake"])
    seed = request["seed"]
    pinned = reproducible(seed, parse_instant(request["at"])) if seed is not None else nullcontext()
    ledger, keys = Ledger(), RunKeys("journey", journey_id)
    # built before the clock is pinned: a process continuing a reproducible journey imports the
    # adapters (and legacy's models) here for the first time, and they must see the real date type
    ports = durable_ports(_routed_ports(request), ledger)
    with pinned:
        try:
            outcome = run_client_journey(ports, intake, out_dir=request["out_dir"], clock=DurableClock(ledger), keys=keys)
            return journey_output(outcome)
        except DBOSException:
            raise  # the engine's own (the journey was cancelled): an operator's cancel compensates
        except Exception as exc:
            done = _compensate(ports, ledger, keys)
            raise JourneyCompensated(
                f"{ledger.failed_step or 'a step'} failed ({type(exc).__name__}: {exc}); compensated: {_summary(done)}"
            ) from exc


def _routed_ports(request: dict[str, Any]) -> ModulePorts:
    from aicmo.orchestration import bootstrap
    from aicmo.orchestration.port_wiring import parse_route_options

    routes = parse_route_options([f"{m}={r}" for m, r in request["routes"].items()], bootstrap.NEW_IMPLEMENTATIONS)
    return bootstrap.routed_ports(request["database_url"], routes)


def _completed_steps(journey_id: str) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
    """A journey's request and its completed steps' (name, result), in order."""
    found = DBOS.list_workflows(workflow_ids=[journey_id], name=JOURNEY_WORKFLOW, load_output=False)
    if not found:
        raise LookupError(f"no journey {journey_id}")
    request = found[0].input["args"][0]
    recorded = [s for s in DBOS.list_workflow_steps(journey_id) if s["error"] is None]
    calls = [c for s in recorded for c in expand(s["function_name"], s["output"], None, None)]  # the carried calls too
    return request, [(c.name, c.output) for c in calls]


@DBOS.workflow(name=CANCELLATION_WORKFLOW)
def journey_cancellation(journey_id: str) -> list[dict[str, Any]]:
    """An operator's cancel: every compensation the journey owes, the pivot's included, newest first.

    Its id is the journey's plus ``-cancel``, so cancelling twice compensates once.
    """
    request, steps = DBOS.run_step({"name": "read the journey"}, _completed_steps, journey_id)
    ledger = Ledger.of_steps(steps)
    done = _compensate(durable_ports(_routed_ports(request), ledger), ledger, RunKeys("journey", journey_id))
    return [c.model_dump(mode="json") for c in done]
