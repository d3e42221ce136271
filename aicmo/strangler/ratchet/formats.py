"""Render a verdict as text, JSON, SARIF 2.1.0 or GitHub workflow annotations.

New findings and stale entries are errors; baselined findings are warnings.
"""
from __future__ import annotations

import json
from typing import Any, Callable

from aicmo.strangler.ratchet.baseline import BaselineEntry, Verdict
from aicmo.strangler.ratchet.finding import Finding

FORMATS = ("text", "json", "sarif", "github")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _stale_text(tool: str, entry: BaselineEntry) -> str:
    return f"stale baseline entry {entry.key} (no longer found; run `aicmo {tool} baseline --prune`)"


def render_text(tool: str, verdict: Verdict) -> str:
    lines = [f"error: {f.describe()}" for f in verdict.new]
    lines += [f"error: {_stale_text(tool, e)}" for e in verdict.stale]
    lines += [f"warning (baselined): {f.describe()}" for f in verdict.baselined]
    status = "passed" if verdict.passed else "FAILED"
    lines.append(
        f"{tool} check {status}: {len(verdict.new)} new, {len(verdict.stale)} stale, "
        f"{len(verdict.baselined)} baselined"
    )
    return "\n".join(lines) + "\n"


def _as_dict(finding: Finding, status: str) -> dict[str, Any]:
    return {"status": status, "rule": finding.rule, "key": finding.key, "file": finding.file,
            "line": finding.line, "message": finding.message, "alternative": finding.alternative}


def render_json(tool: str, verdict: Verdict) -> str:
    document = {
        "tool": tool,
        "passed": verdict.passed,
        "findings": [_as_dict(f, "new") for f in verdict.new] + [_as_dict(f, "baselined") for f in verdict.baselined],
        "stale": [{"key": e.key, "rule": e.rule, "file": e.file} for e in verdict.stale],
    }
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


def _sarif_result(rule: str, level: str, text: str, file: str, line: int, key: str) -> dict[str, Any]:
    return {
        "ruleId": rule,
        "level": level,
        "message": {"text": text},
        "partialFingerprints": {"aicmoKey": key},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": file},
            "region": {"startLine": max(line, 1)},
        }}],
    }


def render_sarif(tool: str, verdict: Verdict) -> str:
    results = [_sarif_result(f.rule, "error", f.describe(), f.file, f.line, f.key) for f in verdict.new]
    results += [_sarif_result(e.rule, "error", _stale_text(tool, e), e.file, 1, e.key) for e in verdict.stale]
    results += [_sarif_result(f.rule, "warning", f.describe(), f.file, f.line, f.key) for f in verdict.baselined]
    rules = sorted({r["ruleId"] for r in results})
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": f"aicmo {tool}", "rules": [{"id": r} for r in rules]}},
            "results": results,
        }],
    }
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


def _escape(text: str) -> str:
    # GitHub workflow commands: %, CR and LF must be escaped in the message (% first, or the
    # escapes themselves would be escaped again)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    # in a property (file=, title=) ':' and ',' end the value too: escaped as well
    return _escape(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(level: str, file: str, line: int | None, title: str, message: str) -> str:
    where = f"file={_property(file)}" + (f",line={line}" if line is not None else "")
    return f"::{level} {where},title={_property(title)}::{_escape(message)}"


def render_github(tool: str, verdict: Verdict) -> str:
    lines = [_annotation("error", f.file, f.line, f.rule, f.describe()) for f in verdict.new]
    lines += [_annotation("error", e.file, None, e.rule, _stale_text(tool, e)) for e in verdict.stale]
    lines += [_annotation("warning", f.file, f.line, f.rule, f.describe()) for f in verdict.baselined]
    return "\n".join(lines) + ("\n" if lines else "")


RENDERERS: dict[str, Callable[[str, Verdict], str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
}
