"""The page's HTML tables: each module's status, each module's audit trail, the declared divergences.

Every value from the database goes through html.escape: a reason is free text an operator typed.
"""
from __future__ import annotations

import json
from html import escape
from typing import Any, Mapping, Sequence

from aicmo.strangler.migration.html_report.route_colours import colour_of
from aicmo.strangler.migration.status import ModuleStatus

__all__ = ["divergences_html", "history_html", "status_table_html"]


def _route_chip(route: str) -> str:
    colour = colour_of(route)
    return f'<span class="chip" style="background:{colour.fill};color:{colour.text}">{escape(route)}</span>'


def _bar(fraction: float, colour: str) -> str:
    return f'<span class="bar"><span style="width:{fraction * 100:.1f}%;background:{colour}"></span></span>'


def _last_change(status: ModuleStatus) -> str:
    detail = status.last_change_detail
    if not detail:
        return '<span class="muted">never changed</span>'
    when = status.last_change_at.strftime("%Y-%m-%d %H:%M UTC") if status.last_change_at else ""
    return (f'<span class="when">{escape(when)}</span> {escape(str(detail["from"]))} → {escape(str(detail["to"]))} '
            f'by <b>{escape(str(detail["who"]))}</b>: {escape(str(detail["why"]))}')


def status_table_html(statuses: Sequence[ModuleStatus]) -> str:
    rows = []
    for s in statuses:
        rate = "–" if s.mismatch_rate is None else f"{s.mismatch_rate:.1%}"
        rate_bar = "" if s.mismatch_rate is None else _bar(s.mismatch_rate, "#e12d39" if s.mismatches else "#2f9e66")
        rows.append(
            f'<tr data-module="{escape(s.module)}"><th scope="row">{escape(s.module)}</th><td>{_route_chip(s.route)}</td>'
            f'<td class="num">{s.rollout_percent}% {_bar(s.rollout_percent / 100, colour_of(s.route).fill)}</td>'
            f'<td class="num">{s.comparisons}</td><td class="num">{s.mismatches}</td><td class="num">{rate} {rate_bar}</td>'
            f"<td>{_last_change(s)}</td></tr>"
        )
    return (
        '<table id="module-status"><thead><tr><th>module</th><th>route</th><th>rollout</th><th>comparisons</th>'
        "<th>mismatches</th><th>mismatch rate</th><th>last route change</th></tr></thead>"
        f'<tbody>{"".join(rows)}</tbody></table>'
    )


def _evidence(evidence: Mapping[str, Any]) -> str:
    return "<br>".join(
        f"{escape(key)}: <code>{escape(json.dumps(value, sort_keys=True, ensure_ascii=False))}</code>"
        for key, value in sorted(evidence.items())
    )


def history_html(histories: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    """One folded audit trail per module, oldest change first, with the evidence each gate saw."""
    sections = []
    for module, changes in histories.items():
        rows = "".join(
            f'<tr data-id="{c["id"]}"><td class="when">{escape(c["at"])}</td><td>{escape(c["kind"])}'
            f'{" " + escape(c["tenant"]) if c.get("tenant") else ""}</td>'
            f'<td>{escape(str(c["from"] or "–"))} → {escape(str(c["to"]))}</td><td>{escape(c["who"])}</td>'
            f'<td>{escape(c["why"])}</td><td>{_evidence(c.get("evidence") or {})}</td></tr>'
            for c in changes
        )
        body = (f'<table><thead><tr><th>at (UTC)</th><th>change</th><th>from → to</th><th>who</th><th>why</th>'
                f'<th>evidence</th></tr></thead><tbody>{rows}</tbody></table>' if changes
                else '<p class="muted">no changes recorded</p>')
        sections.append(f'<details class="history" data-module="{escape(module)}"><summary>{escape(module)} '
                        f'<span class="muted">({len(changes)} change{"" if len(changes) == 1 else "s"})</span></summary>'
                        f"{body}</details>")
    return "".join(sections)


def divergences_html(divergences: Sequence[tuple[str, str, str]]) -> str:
    if not divergences:
        return '<p class="muted">none declared</p>'
    items = "".join(f"<li><b>{escape(module)}</b> / <code>{escape(name)}</code>: {escape(reason)}</li>"
                    for module, name, reason in divergences)
    return f'<ul id="divergences">{items}</ul>'
