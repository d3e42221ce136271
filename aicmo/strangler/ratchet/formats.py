"""Render a verdict as text, JSON, SARIF 2.1.0 or GitHub workflow annotations.

New findings and stale entries are errors; baselined findings are warnings (in SARIF, notes
carrying a suppression). The SARIF and annotation builders are also used by `aicmo check`.
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


def sarif_result(rule: str, level: str, text: str, file: str, line: int, key: str,
                 suppressed: str = "") -> dict[str, Any]:
    """One SARIF result; `suppressed` (a justification) marks a finding accepted in a baseline.

    A suppressed result is reported, at level "note", but code scanning lists it as dismissed
    rather than as an open alert: the baseline already says why it is there.
    """
    result: dict[str, Any] = {
        "ruleId": rule,
        "level": level,
        "message": {"text": text},
        "partialFingerprints": {"aicmoKey": key},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": file},
            "region": {"startLine": max(line, 1)},
        }}],
    }
    if suppressed:
        result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": suppressed}]
    return result


def sarif_document(tool_name: str, results: list[dict[str, Any]]) -> str:
    """A SARIF 2.1.0 log of one run whose driver declares every rule its results name."""
    rules = sorted({r["ruleId"] for r in results})
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": tool_name, "rules": [{"id": r} for r in rules]}},
            "results": results,
        }],
    }
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


def render_sarif(tool: str, verdict: Verdict) -> str:
    accepted = f"accepted in the committed {tool} baseline"
    results = [sarif_result(f.rule, "error", f.describe(), f.file, f.line, f.key) for f in verdict.new]
    results += [sarif_result(e.rule, "error", _stale_text(tool, e), e.file, 1, e.key) for e in verdict.stale]
    results += [sarif_result(f.rule, "note", f.describe(), f.file, f.line, f.key, accepted) for f in verdict.baselined]
    return sarif_document(f"aicmo {tool}", results)


def _escape(text: str) -> str:
    # GitHub workflow commands: %, CR and LF must be escaped in the message (% first, or the
    # escapes themselves would be escaped again)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    # in a property (file=, title=) ':' and ',' end the value too: escaped as well
    return _escape(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(level: str, file: str, line: int | None, title: str, message: str) -> str:
    """One workflow command (`::error file=...,line=...,title=...::message`), escaped."""
    where = f"file={_property(file)}" + (f",line={line}" if line is not None else "")
    return f"::{level} {where},title={_property(title)}::{_escape(message)}"


def render_github(tool: str, verdict: Verdict) -> str:
    lines = [github_annotation("error", f.file, f.line, f.rule, f.describe()) for f in verdict.new]
    lines += [github_annotation("error", e.file, None, e.rule, _stale_text(tool, e)) for e in verdict.stale]
    lines += [github_annotation("warning", f.file, f.line, f.rule, f.describe()) for f in verdict.baselined]
    return "\n".join(lines) + ("\n" if lines else "")


RENDERERS: dict[str, Callable[[str, Verdict], str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
}
