"""Traffic: many client journeys of synthetic intakes, and acquisitions of synthetic leads, on the routed ports.

Before `shadow -> new` the gate wants many shadow comparisons of different inputs; on a
system without live clients yet, this is where they come from. Each journey (and each
acquisition) resolves its routes afresh (a route changed mid-run applies from the next one)
and commits on its own, so an interrupted run keeps what it finished. A journey never asks cam
to acquire anything, so cam's comparisons come from the acquisitions: each one reads a leads
file and a replies file of its own through the same reader `aicmo acquire` uses.
"""
from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Optional

import attrs

from aicmo.orchestration import bootstrap
from aicmo.orchestration.acquisition import run_acquisition
from aicmo.orchestration.journey import run_client_journey
from aicmo.orchestration.synthetic_intakes import synthetic_intake_requests
from aicmo.orchestration.synthetic_leads import synthetic_leads, synthetic_replies, write_leads_csv, write_replies_csv
from aicmo.qc.api import QcVerdict

__all__ = ["TrafficRun", "run_traffic"]


@attrs.frozen
class TrafficRun:
    journeys: int
    qc_rounds: int
    qc_approved: int  # journeys whose last QC round approved the set
    acquisitions: int = 0
    leads: int = 0  # over every acquisition
    conversions: int = 0


def run_traffic(
    database_url: str,
    seed: int,
    journeys: int,
    out_dir: Path,
    routes: Optional[Mapping[str, Any]] = None,
    after_each: Callable[[int, str], None] = lambda number, brand: None,
    acquisitions: int = 0,
    acquisition_leads: int = 200,
) -> TrafficRun:
    """`journeys` journeys of the seed's intakes, then `acquisitions` runs of `acquisition_leads` leads each.

    `after_each(number, name)` after each journey and each acquisition (numbered on from the journeys).
    """
    intakes = bootstrap.intake_requests()
    qc_rounds = qc_approved = 0
    for number, request in enumerate(synthetic_intake_requests(seed, journeys), start=1):
        intake = intakes.intake_from_request(request)
        outcome = run_client_journey(bootstrap.routed_ports(database_url, routes), intake, out_dir=str(out_dir))
        qc_rounds += len(outcome.qc_rounds)
        qc_approved += bool(outcome.qc_rounds) and outcome.qc_rounds[-1].verdict == QcVerdict.QC_APPROVED
        after_each(number, intake.brand_name or "")
    leads = conversions = 0
    files = bootstrap.acquisition_files()
    with tempfile.TemporaryDirectory(prefix="aicmo-traffic-") as scratch:
        for number in range(acquisitions):
            run_seed = seed * 1_000_003 + number  # acquisition `number` of a seed is the same whatever the count
            leads_file, replies_file = Path(scratch) / "leads.csv", Path(scratch) / "replies.csv"
            with leads_file.open("w", encoding="utf-8", newline="") as out:
                write_leads_csv(out, run_seed, acquisition_leads)
            with replies_file.open("w", encoding="utf-8", newline="") as out:
                write_replies_csv(out, synthetic_replies(run_seed, list(synthetic_leads(run_seed, acquisition_leads))))
            given = files.read_acquisition_input(None, leads_file, replies_file)
            outcome = run_acquisition(bootstrap.routed_ports(database_url, routes), given.campaign, given.leads, given.replies,
                                      batch=number % 5 == 4)  # now and then the nightly re-score
            leads, conversions = leads + len(outcome.leads), conversions + len(outcome.conversions)
            after_each(journeys + number + 1, f"acquisition {number + 1}")
    return TrafficRun(journeys=journeys, qc_rounds=qc_rounds, qc_approved=qc_approved,
                      acquisitions=acquisitions, leads=leads, conversions=conversions)
