"""The route history of every module as one SVG timeline: a lane per module, coloured by the route it was
on, a mark per recorded change, and the kill switch's engaged stretches shaded across every lane.

The axis is the order of the changes, one step each, not the clock: audited changes come in bursts
(a promotion, then its rollout steps) weeks apart, and a clock axis would squeeze a burst into one
pixel. The time of every step is written under it and in each mark's tooltip.
"""
from __future__ import annotations

from datetime import datetime
from html import escape
from math import ceil
from typing import Any, Mapping, Sequence

from aicmo.strangler.migration.html_report.route_colours import colour_of
from aicmo.strangler.migration.status import ModuleStatus

__all__ = ["route_timeline_svg"]

LABEL_W, ROW_H, BAR_H = 118, 28, 14
TOP, AXIS_H, RIGHT = 8, 34, 16
MAX_WIDTH = 1120
MIN_STEP, MAX_STEP = 10, 64
LABEL_ROOM = 78  # the width an axis label needs: closer labels are thinned out

# the mark of each kind of change: an SVG shape centred on (0, 0)
_MARKS = {
    "route": '<circle r="6.5"/>',
    "rollout": '<path d="M0,-7 L7,0 L0,7 L-7,0 z"/>',
    "override": '<path d="M0,-7 L7,6 L-7,6 z"/>',
    "divergence": '<rect x="-5.5" y="-5.5" width="11" height="11"/>',
}
_OTHER_MARK = '<circle r="4"/>'


def _when(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")


def _tip(change: Mapping[str, Any]) -> str:
    subject = change["kind"] + (f" tenant {change['tenant']}" if change.get("tenant") else "")
    return (f"#{change['id']} {_when(change['at'])} UTC, {subject}: {change['from'] or '-'} -> {change['to']} "
            f"by {change['who']}: {change['why']}")


def _events(histories: Mapping[str, Sequence[Mapping[str, Any]]]) -> list[Mapping[str, Any]]:
    """Every change once (the kill switch's is in every module's history), in the order it was made."""
    seen: dict[int, Mapping[str, Any]] = {}
    for changes in histories.values():
        for change in changes:
            seen.setdefault(change["id"], change)
    return [seen[i] for i in sorted(seen)]


def _lane(module: str, changes: Sequence[Mapping[str, Any]], current: str, y: float, x_of: Mapping[int, float],
          start: float, end: float) -> str:
    steps = [c for c in changes if c["kind"] == "route" and c["module"] == module]
    route = (steps[0]["from"] or "legacy") if steps else current
    bars, left = [], start
    for step in steps:
        bars.append((left, x_of[step["id"]], route))
        left, route = x_of[step["id"]], step["to"]
    bars.append((left, end, route))
    parts = [
        f'<rect class="route-span" data-route="{escape(r)}" x="{a:.1f}" y="{y - BAR_H / 2:.1f}" width="{max(b - a, 0):.1f}" '
        f'height="{BAR_H}" fill="{colour_of(r).fill}"><title>{escape(module)}: {escape(r)}</title></rect>'
        for a, b, r in bars
    ]
    for change in changes:
        if change["module"] != module:
            continue  # the kill switch: shaded across every lane instead
        shape = _MARKS.get(change["kind"], _OTHER_MARK)
        fill = colour_of(change["to"]).fill if change["kind"] == "route" else "#ffffff"
        parts.append(
            f'<g class="change" data-id="{change["id"]}" data-module="{escape(module)}" data-kind="{escape(change["kind"])}" '
            f'data-to="{escape(str(change["to"]))}" transform="translate({x_of[change["id"]]:.1f},{y:.1f})" fill="{fill}" '
            f'stroke="#1f2933" stroke-width="1.3"><title>{escape(_tip(change))}</title>{shape}</g>'
        )
    label = f'<text class="lane-label" x="{LABEL_W - 10}" y="{y + 4:.1f}">{escape(module)}</text>'
    return f'<g class="lane" data-module="{escape(module)}">{label}{"".join(parts)}</g>'


def _kill_switch_bands(events: Sequence[Mapping[str, Any]], x_of: Mapping[int, float], end: float, height: float) -> str:
    bands, engaged_at = [], None
    for event in events:
        if event["kind"] != "kill_switch":
            continue
        if event["to"] == "on" and engaged_at is None:
            engaged_at = event
        elif event["to"] == "off" and engaged_at is not None:
            bands.append((engaged_at, x_of[event["id"]]))
            engaged_at = None
    if engaged_at is not None:
        bands.append((engaged_at, end))
    return "".join(
        f'<rect class="kill-switch" x="{x_of[on["id"]]:.1f}" y="{TOP}" width="{until - x_of[on["id"]]:.1f}" height="{height:.1f}" '
        f'fill="#e12d39" fill-opacity="0.16"><title>{escape(_tip(on))}</title></rect>'
        for on, until in bands
    )


def _axis(events: Sequence[Mapping[str, Any]], x_of: Mapping[int, float], step: float, y: float,
          end: float, now: datetime) -> str:
    every = max(1, ceil(LABEL_ROOM / step))
    ticks = [f'<line x1="{LABEL_W}" y1="{y:.1f}" x2="{end:.1f}" y2="{y:.1f}" stroke="#9aa5b1"/>']
    for index, event in enumerate(events):
        x = x_of[event["id"]]
        ticks.append(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{y + 4:.1f}" stroke="#9aa5b1"/>')
        if index % every == 0:
            ticks.append(f'<text class="tick" x="{x:.1f}" y="{y + 16:.1f}">{escape(_when(event["at"]))}</text>')
    ticks.append(f'<text class="tick now" x="{end:.1f}" y="{y + 30:.1f}">now {escape(now.strftime("%Y-%m-%d %H:%M"))}</text>')
    return "".join(ticks)


def route_timeline_svg(histories: Mapping[str, Sequence[Mapping[str, Any]]], statuses: Sequence[ModuleStatus],
                       now: datetime) -> str:
    """A lane per module of `histories` (route_history's entries), in its order; `now` closes the axis."""
    events = _events(histories)
    step = min(MAX_STEP, max(MIN_STEP, (MAX_WIDTH - LABEL_W - RIGHT) / (len(events) + 1)))
    x_of = {event["id"]: LABEL_W + (index + 0.5) * step for index, event in enumerate(events)}
    end = LABEL_W + (len(events) + 1) * step
    width = end + RIGHT
    lanes_height = len(histories) * ROW_H
    current = {s.module: s.route for s in statuses}
    lanes = [
        _lane(module, changes, current.get(module, "legacy"), TOP + (row + 0.5) * ROW_H, x_of, LABEL_W, end)
        for row, (module, changes) in enumerate(histories.items())
    ]
    height = TOP + lanes_height + AXIS_H + 8
    return (
        f'<svg id="route-timeline" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        f'role="img" aria-label="route history of every module">'
        f"{_kill_switch_bands(events, x_of, end, lanes_height)}"
        f'{"".join(lanes)}'
        f"{_axis(events, x_of, step, TOP + lanes_height + 4, end, now)}"
        "</svg>"
    )
