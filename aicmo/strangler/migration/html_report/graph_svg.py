"""The module dependency graph as inline SVG: a box per module filled with its route's colour, an arrow
per dependency from the module that uses to the module it uses."""
from __future__ import annotations

from html import escape
from typing import Mapping, Sequence

from aicmo.strangler.migration.html_report.graph_layout import Placement, layered_layout
from aicmo.strangler.migration.html_report.route_colours import colour_of
from aicmo.strangler.migration.status import ModuleStatus

__all__ = ["dependency_graph_svg"]

NODE_W, NODE_H = 124, 42
COLUMN_STEP, ROW_STEP = 148, 84
MARGIN = 16
ARC_ROOM = 70  # above and below the rows, for the arcs of edges that skip columns


def _centre(place: Placement, middle: float) -> tuple[float, float]:
    x = MARGIN + place.column * COLUMN_STEP + NODE_W / 2
    y = middle + (place.row - (place.rows_in_column - 1) / 2) * ROW_STEP
    return x, y


def _edge_path(user: tuple[float, float], used: tuple[float, float], span: int, upwards: bool) -> str:
    """Next columns: an S-curve from side to side. Farther: an arc over (or under) the columns between,
    so the edge does not run through the boxes in them."""
    (ux, uy), (dx, dy) = user, used
    if span == 1:
        x1, x2 = ux - NODE_W / 2, dx + NODE_W / 2
        bend = (x1 - x2) / 2
        return f"M{x1:.1f},{uy:.1f} C{x1 - bend:.1f},{uy:.1f} {x2 + bend:.1f},{dy:.1f} {x2:.1f},{dy:.1f}"
    side = -1 if upwards else 1
    y1, y2 = uy + side * NODE_H / 2, dy + side * NODE_H / 2
    x1, x2 = ux - NODE_W / 4, dx + NODE_W / 4
    lift = side * min(24 + 14 * span, ARC_ROOM + NODE_H / 2)
    return f"M{x1:.1f},{y1:.1f} C{x1:.1f},{y1 + lift:.1f} {x2:.1f},{y2 + lift:.1f} {x2:.1f},{y2:.1f}"


def _node(module: str, status: ModuleStatus | None, centre: tuple[float, float]) -> str:
    route = status.route if status else "legacy"
    rollout = f" · {status.rollout_percent}%" if status and status.rollout_percent != 100 else ""
    colour = colour_of(route)
    x, y = centre[0] - NODE_W / 2, centre[1] - NODE_H / 2
    tip = f"{module}: {route}" + (f", rollout {status.rollout_percent}%, {status.comparisons} comparisons" if status else "")
    return (
        f'<g class="node" data-module="{escape(module)}" data-route="{escape(route)}">'
        f"<title>{escape(tip)}</title>"
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{NODE_W}" height="{NODE_H}" rx="7" fill="{colour.fill}" stroke="#3e4c59" stroke-width="1"/>'
        f'<text x="{centre[0]:.1f}" y="{centre[1] - 4:.1f}" fill="{colour.text}" class="node-name">{escape(module)}</text>'
        f'<text x="{centre[0]:.1f}" y="{centre[1] + 12:.1f}" fill="{colour.text}" class="node-route">{escape(route + rollout)}</text>'
        "</g>"
    )


def dependency_graph_svg(dependencies: Mapping[str, Sequence[str]], statuses: Sequence[ModuleStatus]) -> str:
    placements = layered_layout(dependencies)
    by_module = {s.module: s for s in statuses}
    rows = max((p.rows_in_column for p in placements.values()), default=1)
    columns = max((p.column for p in placements.values()), default=0) + 1
    width = 2 * MARGIN + (columns - 1) * COLUMN_STEP + NODE_W
    height = 2 * (MARGIN + ARC_ROOM) + (rows - 1) * ROW_STEP + NODE_H
    middle = height / 2
    centres = {m: _centre(p, middle) for m, p in placements.items()}
    edges, alternate = [], False
    for module, used in dependencies.items():
        for dependency in used:
            if dependency not in centres:
                continue
            span = placements[module].column - placements[dependency].column
            mean_y = (centres[module][1] + centres[dependency][1]) / 2
            if span > 1 and mean_y == middle:  # an arc between two boxes on the middle line: take turns above and below
                upwards, alternate = not alternate, not alternate
            else:
                upwards = mean_y < middle
            path = _edge_path(centres[module], centres[dependency], span, upwards)
            edges.append(f'<path class="edge" data-from="{escape(module)}" data-to="{escape(dependency)}" d="{path}" '
                         f'marker-end="url(#arrow)"><title>{escape(module)} uses {escape(dependency)}</title></path>')
    nodes = [_node(m, by_module.get(m), centres[m]) for m in dependencies]
    return (
        f'<svg id="dependency-graph" viewBox="0 0 {width} {height:.0f}" '
        f'width="{width}" height="{height:.0f}" role="img" aria-label="module dependency graph, coloured by route">'
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#52606d"/></marker></defs>'
        f'<g class="edges" fill="none" stroke="#7b8794" stroke-width="1.4">{"".join(edges)}</g>'
        f'<g class="nodes">{"".join(nodes)}</g>'
        "</svg>"
    )
