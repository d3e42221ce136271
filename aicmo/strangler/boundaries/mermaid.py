"""`aicmo boundaries graph`: the module graph as Mermaid.

Solid arrows are allowed dependencies, dashed arrows carry only baselined findings, thick
arrows carry a new finding. Imports inside one node
are left out; the label counts the findings on an edge.
"""
from __future__ import annotations

import re

from aicmo.strangler.boundaries.check import Analysis


def _id(node: str) -> str:
    return re.sub(r"\W", "_", node)


def render_mermaid(analysis: Analysis, baselined: set[str]) -> str:
    lines = ["graph LR"]
    edges = sorted(analysis.node_edges)
    for node in sorted({n for pair in edges for n in pair}):
        lines.append(f'    {_id(node)}["{node}"]')
    for source, target in edges:
        keys = analysis.node_edges[(source, target)]
        if not keys:
            arrow = "-->"
        elif keys <= baselined:
            arrow = "-.->"
        else:
            arrow = "==>"
        label = f"|{len(keys)}|" if keys else ""
        lines.append(f"    {_id(source)} {arrow}{label} {_id(target)}")
    return "\n".join(lines) + "\n"
