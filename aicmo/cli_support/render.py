"""What the command prints: per-step summary tables and stable JSON files."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from rich.table import Table


def stable_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False, default=str) + "\n"


def dump_stable_json(data: Any, handle: TextIO) -> None:
    """stable_json's text written as it is encoded, piece by piece: a large result is never one string in memory."""
    json.dump(data, handle, sort_keys=True, indent=2, ensure_ascii=False, default=str)
    handle.write("\n")


def write_json(target: str, data: Any) -> None:
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        dump_stable_json(data, handle)


def journey_steps(result: dict[str, Any]) -> list[tuple[str, str]]:
    qc = result["qc"]
    first = qc["rounds"][0]
    passed = sum(1 for c in first["creatives"] if c["passed"])
    delivery = result["delivery"]
    report = result["report"]["overall"]["kpis"]
    retention = result["retention"]
    invoices = result["billing"]["invoices"]
    return [
        ("onboarding", f"client '{result['campaign']['name']}' ({result['brief']['pack']}), "
                       f"{len(first['intake_findings'])} missing intake field(s)"),
        ("strategy", f"{result['strategy']['status']}, "
                     f"{len(result['strategy']['validation_errors'])} validation error(s)"),
        ("production", f"{len(result['creatives'])} creatives, {len(result['calendar'])}-day calendar"),
        ("qc", f"{qc['verdict']} after {len(qc['rounds'])} round(s); {passed}/{len(first['creatives'])} "
               f"creatives passed first time"),
        ("client review", f"{result['review']['final_status']} after {len(result['review']['rounds'])} round(s)"),
        ("delivery", f"{delivery['path']}" + (" (gate skipped)" if delivery["gate_skipped"] else "")),
        ("billing", f"{len(invoices)} invoices, outstanding {result['billing']['outstanding']:,.2f} USD"),
        ("reporting", f"ROAS {report['roas']:.2f}, {len(result['report']['alerts'])} alert(s)"),
        ("retention", f"risk {retention['risk_level']} ({retention['risk_score']:.2f}), "
                      f"stage {retention['lifecycle_stage']}"),
    ]


def journey_table(result: dict[str, Any]) -> Table:
    table = Table(title=f"Client journey: {result['campaign']['name']}")
    table.add_column("step")
    table.add_column("outcome")
    for step, outcome in journey_steps(result):
        table.add_row(step, outcome)
    return table


def acquisition_table(result: dict[str, Any]) -> Table:
    summary = result["summary"]
    table = Table(title=f"Acquisition: {result['campaign']['name']}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key in sorted(summary):
        value = summary[key]
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in sorted(value.items())) or "-"
        elif isinstance(value, float):
            value = f"{value:.4f}"
        table.add_row(key.replace("_", " "), str(value))
    return table


def traffic_table(run: Any, summaries: list[Any]) -> Table:
    """The journeys run and, per module shadowed, the comparisons they recorded."""
    table = Table(title=f"Traffic: {run.journeys} journeys" + (f", {run.acquisitions} acquisitions" if run.acquisitions else ""))
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("journeys", str(run.journeys))
    table.add_row("qc rounds", str(run.qc_rounds))
    table.add_row("qc approved (last round)", str(run.qc_approved))
    if run.acquisitions:
        table.add_row("acquisitions", f"{run.acquisitions} ({run.leads} leads, {run.conversions} conversions)")
    if not summaries:
        table.add_row("shadow comparisons", "0 (no module on shadow)")
    for summary in summaries:
        explained = sum(summary.explained.values())
        table.add_row(
            f"{summary.module}: shadow comparisons",
            f"{summary.comparisons} ({summary.matched} matched, {explained} declared, {summary.unexplained} unexplained)",
        )
    return table
