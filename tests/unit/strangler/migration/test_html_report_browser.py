"""The status page opened in headless Chromium: the browser renders the graph and every module, and a
screenshot of it is a picture, not a blank page.

Skipped when no Chromium is installed, unless AICMO_TEST_REQUIRE_CHROMIUM=1 (CI), which fails instead.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from aicmo.shared.modules import MODULES
from aicmo.strangler.migration.html_report.headless_chromium import chromium, dump_dom, screenshot
from aicmo.strangler.migration.html_report.route_colours import ROUTE_COLOURS
from tests.unit.strangler.migration.html_report_state import plant_state, svg, tags, write_page

REQUIRE_ENV = "AICMO_TEST_REQUIRE_CHROMIUM"
WIDTH, HEIGHT = 1200, 900


@pytest.fixture(scope="module")
def browser() -> str:
    found = chromium()
    if found is None:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{REQUIRE_ENV}=1 but no Chromium is installed (Debian: apt-get install chromium)")
        pytest.skip("no Chromium installed (Debian: apt-get install chromium)")
    return found


@pytest.fixture
def page_file(database, sessions, clock, recorder, tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    plant_state(sessions, clock, recorder)
    write_page(database.url, tmp_path / "status.html")
    return tmp_path / "status.html"


def rendering_problems(dom: str) -> list[str]:
    """What the rendered DOM lacks: the dependency graph with a node per module, a status row per module."""
    problems = []
    if '<svg id="dependency-graph"' not in dom:
        problems.append("no dependency graph")
    else:
        nodes = {g.get("data-module") for g in svg(dom, "dependency-graph").iter("g") if g.get("class") == "node"}
        problems += [f"no graph node for {m}" for m in MODULES if m not in nodes]
    rows = {t.attributes.get("data-module") for t in tags(dom) if t.name == "tr"}
    problems += [f"no status row for {m}" for m in MODULES if m not in rows]
    return problems


def pixels_of(png: Path) -> dict[tuple[int, int, int], int]:
    """How many pixels of the screenshot have each colour."""
    with Image.open(png) as image:
        assert (WIDTH, HEIGHT) == image.size
        return {colour: count for count, colour in image.convert("RGB").getcolors(WIDTH * HEIGHT)}


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def test_chromium_renders_the_graph_and_every_module(browser, page_file):
    assert [] == rendering_problems(dump_dom(browser, page_file))


def test_the_screenshot_shows_the_routes_colours(browser, page_file, tmp_path):
    """Not blank: the boxes of the graph and the route chips are there in their colours (legacy, shadow and
    deleted modules in this state), among many other colours (text, lines)."""
    png = tmp_path / "status.png"
    screenshot(browser, page_file, png, WIDTH, HEIGHT)
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    pixels = pixels_of(png)
    assert len(pixels) > 50
    for route in ("legacy", "shadow", "deleted"):
        assert pixels.get(rgb(ROUTE_COLOURS[route].fill), 0) > 2000, route


def test_a_page_without_the_graph_is_caught(browser, tmp_path):
    """The planted fault: a page that lists the modules but draws no graph."""
    planted = tmp_path / "planted.html"
    planted.write_text("<!DOCTYPE html><table>" + "".join(f'<tr data-module="{m}"><td>{m}</td></tr>' for m in MODULES)
                       + "</table>", encoding="utf-8")
    assert ["no dependency graph"] == rendering_problems(dump_dom(browser, planted))


def test_a_blank_page_is_caught(browser, tmp_path):
    """The planted fault: a page that renders nothing has a handful of colours, none of the routes'."""
    planted, png = tmp_path / "blank.html", tmp_path / "blank.png"
    planted.write_text("<!DOCTYPE html><title>blank</title>", encoding="utf-8")
    screenshot(browser, planted, png, WIDTH, HEIGHT)
    pixels = pixels_of(png)
    assert len(pixels) <= 50 and not any(rgb(c.fill) in pixels for c in ROUTE_COLOURS.values())


@pytest.mark.parametrize("required, outcome", [("1", {"errors": 1}), ("0", {"skipped": 1})])
def test_without_chromium_the_test_is_skipped_unless_required(pytester, monkeypatch, required, outcome):
    """The planted fault: no Chromium to be found; CI (AICMO_TEST_REQUIRE_CHROMIUM=1) fails rather than skips."""
    monkeypatch.setenv("AICMO_CHROMIUM", "no-such-chromium")
    monkeypatch.setenv(REQUIRE_ENV, required)
    result = pytester.runpytest_inprocess(__file__, "-k", "test_a_blank_page_is_caught", "-p", "no:cacheprovider")
    result.assert_outcomes(**outcome)
