"""The client journey as a DBOS workflow: its id from the intake, each port call a step.

The workflow's input is a plain JSON request (intake, output folder, database, route
overrides, the reproducible seed and instant), so a journey is continued after a crash by any
process with exactly what the first process was asked. Its result is the journey's output.
"""
from __future__ import annotations

from contextlib import nullcontext
from typing import Any, Optional

from dbos import DBOS

from aicmo.orchestration.durable.ports import durable_ports

__all__ = ["JOURNEY_WORKFLOW", "client_journey", "journey_request"]

JOURNEY_WORKFLOW = "client_journey"


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


def _compensate_completed_steps(journey_id: str, error: BaseException) -> None:
    """Where a failed journey undoes its completed steps, newest first, once the module contracts carry compensations.

    Until then a failed journey is left as it stopped (status ERROR, its steps listed by
    `aicmo journeys show`), as the runner always left it.
    """


@DBOS.workflow(name=JOURNEY_WORKFLOW)
def client_journey(request: dict[str, Any]) -> dict[str, Any]:
    from aicmo.cli_support.reproducible import parse_instant, reproducible
    from aicmo.onboarding.api import ClientIntake
    from aicmo.orchestration import bootstrap
    from aicmo.orchestration.journey import run_client_journey
    from aicmo.orchestration.journey_output import journey_output
    from aicmo.orchestration.keys import RunKeys
    from aicmo.orchestration.port_wiring import parse_route_options

    journey_id = DBOS.workflow_id or ""
    intake = ClientIntake.model_validate(request["intake"])
    routes = parse_route_options([f"{m}={r}" for m, r in request["routes"].items()], bootstrap.NEW_IMPLEMENTATIONS)
    seed = request["seed"]
    pinned = reproducible(seed, parse_instant(request["at"])) if seed is not None else nullcontext()
    try:
        with pinned:
            ports = durable_ports(bootstrap.routed_ports(request["database_url"], routes))
            outcome = run_client_journey(ports, intake, out_dir=request["out_dir"], keys=RunKeys("journey", journey_id))
            return journey_output(outcome)
    except Exception as exc:
        _compensate_completed_steps(journey_id, exc)
        raise
