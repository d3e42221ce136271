"""The colour of each route, shared by the graph, the timeline and the legend so they read alike."""
from __future__ import annotations

from html import escape

import attrs

__all__ = ["ROUTE_COLOURS", "RouteColour", "colour_of", "legend_html"]


@attrs.frozen
class RouteColour:
    fill: str
    text: str  # readable on the fill


# from grey (nothing moved) through amber (watched) to green (migrated); deleted is dark: legacy is gone
ROUTE_COLOURS: dict[str, RouteColour] = {
    "legacy": RouteColour("#c4cad3", "#1f2933"),
    "shadow": RouteColour("#f0b429", "#1f2933"),
    "new": RouteColour("#2f9e66", "#ffffff"),
    "deleted": RouteColour("#52606d", "#ffffff"),
}
_UNKNOWN = RouteColour("#ffffff", "#1f2933")  # a route this code does not know (a newer database): still drawn


def colour_of(route: str) -> RouteColour:
    return ROUTE_COLOURS.get(route, _UNKNOWN)


def legend_html() -> str:
    """One swatch per route, in the order a module moves through them."""
    items = "".join(
        f'<li><span class="swatch" style="background:{c.fill}"></span>{escape(route)}</li>' for route, c in ROUTE_COLOURS.items()
    )
    return f'<ul class="legend" aria-label="routes">{items}</ul>'
