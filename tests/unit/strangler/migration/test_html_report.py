"""`aicmo migrate report --format html`: one self-contained page with every module's status, the dependency
graph coloured by route and each module's route history, on each backend."""
from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from aicmo.cli import app
from aicmo.shared.modules import MODULE_DEPENDENCIES, MODULES
from aicmo.strangler.migration.html_report.route_colours import ROUTE_COLOURS
from tests.unit.strangler.migration.html_report_state import (
    EXPECTED_ROUTES,
    HOSTILE_DIVERGENCE,
    HOSTILE_WHO,
    HOSTILE_WHY,
    having,
    plant_state,
    svg,
    tags,
    write_page,
)

runner = CliRunner()


@pytest.fixture
def page(database, sessions, clock, recorder, tmp_path, monkeypatch) -> str:
    monkeypatch.chdir(tmp_path)
    plant_state(sessions, clock, recorder)
    write_page(database.url, tmp_path / "status.html")
    return (tmp_path / "status.html").read_text(encoding="utf-8")


def test_the_status_table_has_every_module_with_its_route_rollout_and_comparisons(page):
    found = tags(page)
    rows = [t.attributes["data-module"] for t in having(found, "tr") if "data-module" in t.attributes]
    assert list(MODULES) == rows
    cells = re.search(r'<tr data-module="qc">(.*?)</tr>', page).group(1)
    assert ">shadow</span>" in cells and "30%" in cells and '<td class="num">4</td>' in cells and "25.0%" in cells
    assert "Kill switch engaged" in page


def test_the_graph_has_a_node_per_module_in_its_routes_colour_and_an_edge_per_dependency(page):
    graph = svg(page, "dependency-graph")
    nodes = {g.get("data-module"): g for g in graph.iter("g") if g.get("class") == "node"}
    assert set(MODULES) == set(nodes)
    for module, node in nodes.items():
        route = EXPECTED_ROUTES.get(module, "legacy")
        assert route == node.get("data-route"), module
        assert ROUTE_COLOURS[route].fill == node.find("rect").get("fill"), module
    edges = [(p.get("data-from"), p.get("data-to")) for p in graph.iter("path") if p.get("class") == "edge"]
    assert sorted((m, d) for m, used in MODULE_DEPENDENCIES.items() for d in used) == sorted(edges)


def test_the_timeline_shows_a_route_change_made_through_the_library(page):
    """qc's lane: a route mark legacy -> shadow, its lane ending on shadow; the rollout's mark; the audit rows."""
    timeline = svg(page, "route-timeline")
    lanes = {g.get("data-module"): g for g in timeline.iter("g") if g.get("class") == "lane"}
    assert list(MODULES) == list(lanes)
    qc_marks = [(g.get("data-kind"), g.get("data-to")) for g in lanes["qc"].iter("g") if g.get("class") == "change"]
    assert [("route", "shadow"), ("rollout", "30")] == qc_marks
    spans = [r.get("data-route") for r in lanes["qc"].iter("rect") if r.get("class") == "route-span"]
    assert ["legacy", "shadow"] == spans
    strategy = [r.get("data-route") for r in lanes["strategy"].iter("rect") if r.get("class") == "route-span"]
    assert ["legacy", "shadow", "new", "deleted"] == strategy
    assert 1 == len([r for r in timeline.iter("rect") if r.get("class") == "kill-switch"])  # on, never off
    history = re.search(r'<details class="history" data-module="qc">(.*?)</details>', page, re.DOTALL).group(1)
    assert "legacy → shadow" in history and "to shadow" in history


def test_free_text_is_escaped_wherever_it_is_shown(page):
    """Who and why of a change, a divergence's reason: text on the page, never markup."""
    for hostile in (HOSTILE_WHO, HOSTILE_WHY, HOSTILE_DIVERGENCE):
        assert hostile not in page
    assert "<script" not in page and "<img" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;") >= 2  # tooltip and audit row
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    shown = [t.text for t in tags(page) if t.name == "td"]
    assert HOSTILE_WHY in shown and HOSTILE_WHO in shown  # read back as the text the operator typed


FETCHING_TAGS = {"script", "link", "img", "iframe", "object", "embed", "base", "audio", "video", "source", "image", "use"}
FETCHING_ATTRIBUTES = {"src", "href", "xlink:href", "srcset", "action", "poster", "data", "background"}
REMOTE = re.compile(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/|@import|url\((?!#)", re.IGNORECASE)


def external_references(page: str) -> list[str]:
    """What in the page's markup would fetch something or run code: a script, a linked resource, a URL in an
    attribute or in CSS. (Text is not markup: a reason may mention a URL as words.)"""
    found = []
    for tag in tags(page):
        if tag.name in FETCHING_TAGS:
            found.append(f"<{tag.name}>")
        found += [f"{tag.name} {name}=" for name in tag.attributes if name in FETCHING_ATTRIBUTES or name.startswith("on")]
        found += [f"{tag.name} {name}={value}" for name, value in tag.attributes.items() if value and REMOTE.search(value)]
        if tag.name == "style" and REMOTE.search(tag.text):
            found.append(f"<style> {REMOTE.search(tag.text).group(0)}")
    return found


def test_the_page_needs_nothing_from_the_network(page):
    assert [] == external_references(page)
    assert "http://" not in page and "https://" not in page
    assert "<style>" in page and "<svg" in page


@pytest.mark.parametrize("planted", [
    '<link rel="stylesheet" href="https://cdn.example.com/a.css">', '<script src="app.js"></script>',
    '<img src="logo.png">', "<style>@import 'x.css';</style>", '<rect style="fill:url(https://x.example/p.svg)">',
    "<svg xmlns:xlink='http://www.w3.org/1999/xlink'>", '<a href="status.md">', '<rect onclick="go()">',
])
def test_an_external_reference_is_caught(planted):
    """The planted fault: each way a page could reach out, found by the check above."""
    assert external_references(f"<html><body>{planted}</body></html>")


def test_markdown_stays_the_default_and_html_goes_to_stdout_without_output(database, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    markdown = runner.invoke(app, ["migrate", "report", "--database-url", database.url])
    assert 0 == markdown.exit_code and markdown.stdout.startswith("| Module | Route |")
    shown = runner.invoke(app, ["migrate", "report", "--format", "HTML", "--database-url", database.url])
    assert 0 == shown.exit_code and shown.stdout.startswith("<!DOCTYPE html>") and shown.stdout.rstrip().endswith("</html>")


def test_an_unknown_format_is_bad_input_and_writes_nothing(database, tmp_path):
    target = tmp_path / "status.pdf"
    result = runner.invoke(app, ["migrate", "report", "--format", "pdf", "--output", str(target), "--database-url", database.url])
    assert 2 == result.exit_code and not target.exists()
