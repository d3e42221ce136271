"""A migration state for the status page's tests, made through the library, and a reader of the page's tags.

Every route has a module on it (strategy deleted, qc shadow at 30 %, production shadow, the rest
legacy), the kill switch is on, and the free text an operator typed carries markup that must
come out as text.
"""
from __future__ import annotations

from html.parser import HTMLParser
from typing import Optional

import attrs
from typer.testing import CliRunner

from aicmo.cli import app
from aicmo.strangler.migration import set_kill_switch, set_rollout
from aicmo.strangler.routes import Route
from tests.unit.strangler.migration.conftest import full_evidence, move, tick

HOSTILE_WHO = '<script>alert("who")</script>'
HOSTILE_WHY = '<script>alert(1)</script> & "quoted" </td></tr></table>'
HOSTILE_DIVERGENCE = "<img src=x onerror=alert(2)>"
EXPECTED_ROUTES = {"strategy": "deleted", "qc": "shadow", "production": "shadow", "cam": "legacy"}


def plant_state(sessions, clock, recorder) -> None:
    move(sessions, clock, "strategy", Route.SHADOW)
    full_evidence(recorder, "strategy")
    move(sessions, clock, "strategy", Route.NEW, Route.DELETED)
    move(sessions, clock, "qc", Route.SHADOW)
    with sessions.begin() as session:
        set_rollout(session, clock, "qc", 30, HOSTILE_WHO, HOSTILE_WHY)
    tick(clock)
    for matched in (True, False, True, True):
        recorder.record_comparison("qc", matched)
    move(sessions, clock, "production", Route.SHADOW)
    recorder.declare_divergence("production", "odd-rounding", HOSTILE_DIVERGENCE, HOSTILE_WHO, known={"odd-rounding"})
    with sessions.begin() as session:
        set_kill_switch(session, clock, True, "ops", "incident")


def write_page(url: str, target) -> None:
    """`aicmo migrate report --format html --output target`, which must succeed."""
    result = CliRunner().invoke(app, ["migrate", "report", "--format", "html", "--output", str(target), "--database-url", url])
    assert 0 == result.exit_code, result.output


@attrs.frozen
class Tag:
    name: str
    attributes: dict[str, Optional[str]]
    text: str  # the text directly inside it, up to its first child (a title's tooltip, a cell's value)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[Tag] = []
        self._open: Optional[tuple[str, dict, list[str]]] = None

    def _close_open(self) -> None:
        if self._open is not None:
            name, attributes, text = self._open
            self.tags.append(Tag(name, attributes, "".join(text)))
            self._open = None

    def handle_starttag(self, tag, attrs_):
        self._close_open()
        self._open = (tag, dict(attrs_), [])

    def handle_endtag(self, tag):
        self._close_open()

    def handle_data(self, data):
        if self._open is not None:
            self._open[2].append(data)


def tags(page: str) -> list[Tag]:
    """Every tag of the page, in document order."""
    reader = _Reader()
    reader.feed(page)
    reader.close()
    reader._close_open()
    return reader.tags


def having(found: list[Tag], name: str, **wanted: str) -> list[Tag]:
    """The tags named `name` whose attributes include `wanted` (class_ for class)."""
    wanted = {k.rstrip("_").replace("_", "-"): v for k, v in wanted.items()}
    return [t for t in found if t.name == name and all(
        (v in (t.attributes.get(k) or "").split()) if k == "class" else t.attributes.get(k) == v for k, v in wanted.items())]


def svg(page: str, svg_id: str):
    """The page's inline <svg id=svg_id> as an ElementTree element (inline SVG is well-formed XML)."""
    import re
    from xml.etree import ElementTree

    found = re.search(rf'<svg id="{svg_id}"[^>]*>.*?</svg>', page, re.DOTALL)
    assert found, f"no <svg id={svg_id}> in the page"
    return ElementTree.fromstring(found.group(0))
