"""The status page: one HTML file that needs nothing else (CSS inline, graphs inline SVG, no script, no
font or image to fetch), so it can be mailed, attached to a CI run or opened offline."""
from __future__ import annotations

from datetime import datetime
from html import escape
from string import Template
from typing import Mapping, Sequence

from aicmo.strangler.migration.html_report.graph_svg import dependency_graph_svg
from aicmo.strangler.migration.html_report.report_data import ReportData
from aicmo.strangler.migration.html_report.route_colours import legend_html
from aicmo.strangler.migration.html_report.tables import divergences_html, history_html, status_table_html
from aicmo.strangler.migration.html_report.timeline import route_timeline_svg

__all__ = ["render_page"]

_STYLE = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933; margin: 0; background: #f5f7fa; }
main { max-width: 1168px; margin: 0 auto; padding: 16px; }
h1 { font-size: 22px; margin: 4px 0; } h2 { font-size: 16px; margin: 10px 0 4px; }
section > p.muted { margin: 0 0 8px; }
.subtitle, .muted { color: #616e7c; }
section { background: #fff; border: 1px solid #e4e7eb; border-radius: 8px; padding: 4px 14px 12px; margin-top: 12px; }
.legend { list-style: none; display: flex; gap: 16px; padding: 0; margin: 8px 0; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; border: 1px solid #3e4c59; }
.kill-switch-banner { background: #ffe3e3; border: 1px solid #e12d39; color: #8a041a; padding: 8px 12px; border-radius: 6px; font-weight: 600; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
thead th { font-weight: 600; color: #52606d; font-size: 12px; }
td.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
.chip { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
.bar { display: inline-block; width: 56px; height: 6px; background: #e4e7eb; border-radius: 3px; vertical-align: middle; }
.bar span { display: block; height: 6px; border-radius: 3px; }
.when { color: #616e7c; white-space: nowrap; }
svg { max-width: 100%; height: auto; display: block; }
svg text { font: 12px system-ui, sans-serif; fill: #1f2933; }
svg .node text { text-anchor: middle; }
svg .node-name { font-weight: 700; font-size: 13px; }
svg .lane-label { text-anchor: end; }
svg .tick { text-anchor: middle; font-size: 10px; fill: #616e7c; }
svg .tick.now { text-anchor: end; }
details.history { border-top: 1px solid #e4e7eb; padding: 4px 0; }
details.history summary { cursor: pointer; font-weight: 600; }
code { font-size: 12px; }
"""

_PAGE = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Migration status</title>
<style>$style</style>
</head>
<body>
<main>
<h1>Migration status</h1>
<p class="subtitle">Generated $generated UTC. Each module moves legacy → shadow → new → deleted.</p>
$legend
$kill_switch
<section id="graph"><h2>Module dependencies</h2>
<p class="muted">An arrow goes from a module to a module it uses; each box has its module's route (and rollout, when not 100%).</p>
$graph
</section>
<section id="status"><h2>Modules</h2>
<p class="muted">Comparisons and mismatches count the shadow comparisons since the module last entered shadow.</p>
$table
</section>
<section id="timeline"><h2>Route history</h2>
<p class="muted">One step per recorded change, in the order they were made. ● route change (filled with the new route),
◆ rollout, ▲ tenant override, ■ divergence; red: kill switch engaged. Hover a mark for who and why.</p>
$timeline
$histories
</section>
<section id="divergences-section"><h2>Declared divergences</h2>
<p class="muted">Mismatches these explain do not block promotion.</p>
$divergences
</section>
</main>
</body>
</html>
""")


def render_page(data: ReportData, dependencies: Mapping[str, Sequence[str]], generated_at: datetime) -> str:
    """The whole page; `dependencies` is the module graph to draw (MODULE_DEPENDENCIES in the command)."""
    banner = ('<p class="kill-switch-banner">Kill switch engaged: every module that still has legacy code runs on legacy, '
              "whatever its route below.</p>" if data.kill_switch else "")
    return _PAGE.substitute(
        style=_STYLE,
        generated=escape(generated_at.strftime("%Y-%m-%d %H:%M")),
        legend=legend_html(),
        kill_switch=banner,
        graph=dependency_graph_svg(dependencies, data.statuses),
        table=status_table_html(data.statuses),
        timeline=route_timeline_svg(data.histories, data.statuses, generated_at),
        histories=history_html(data.histories),
        divergences=divergences_html(data.divergences),
    )
