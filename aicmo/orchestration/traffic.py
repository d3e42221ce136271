"""Traffic: many client journeys of synthetic intakes on the routed ports, one unit of work each.

Before `shadow -> new` the gate wants many shadow comparisons of different inputs; on a
system without live clients yet, this is where they come from. Each journey resolves its
routes afresh (a route changed mid-run applies from the next journey) and commits on its own,
so an interrupted run keeps the journeys it finished.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Optional

import attrs

from aicmo.orchestration import bootstrap
from aicmo.orchestration.journey import run_client_journey
from aicmo.orchestration.synthetic_intakes import synthetic_intake_requests
from aicmo.qc.api import QcVerdict

__all__ = ["TrafficRun", "run_traffic"]


@attrs.frozen
class TrafficRun:
    journeys: int
    qc_rounds: int
    qc_approved: int  # journeys whose last QC round approved the set


def run_traffic(
    database_url: str,
    seed: int,
    journeys: int,
    out_dir: Path,
    routes: Optional[Mapping[str, Any]] = None,
    after_each: Callable[[int, str], None] = lambda number, brand: None,
) -> TrafficRun:
    """Run `journeys` journeys of the seed's intakes; `after_each(number, brand)` after each one."""
    intakes = bootstrap.intake_requests()
    qc_rounds = qc_approved = 0
    for number, request in enumerate(synthetic_intake_requests(seed, journeys), start=1):
        intake = intakes.intake_from_request(request)
        outcome = run_client_journey(bootstrap.routed_ports(database_url, routes), intake, out_dir=str(out_dir))
        qc_rounds += len(outcome.qc_rounds)
        qc_approved += bool(outcome.qc_rounds) and outcome.qc_rounds[-1].verdict == QcVerdict.QC_APPROVED
        after_each(number, intake.brand_name or "")
    return TrafficRun(journeys=journeys, qc_rounds=qc_rounds, qc_approved=qc_approved)
