"""The committed baseline file: sorted accepted findings, and the comparison that ratchets it.

Exit semantics live here: a finding not in the baseline is new (fails), a baseline entry no
finding matches is stale (fails until pruned), the rest are baselined (warnings).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Optional

import attrs

from aicmo.strangler.ratchet.finding import Finding

FORMAT_VERSION = 1


@attrs.frozen
class BaselineEntry:
    key: str
    rule: str
    file: str  # where it was when accepted: only used to scope `--changed`
    reason: str


@attrs.frozen
class Baseline:
    tool: str
    entries: tuple[BaselineEntry, ...] = ()

    @property
    def keys(self) -> set[str]:
        return {e.key for e in self.entries}

    @classmethod
    def read(cls, path: Path, tool: str) -> "Baseline":
        if not path.is_file():
            return cls(tool)
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = tuple(BaselineEntry(**e) for e in data.get("entries", []))
        return cls(data.get("tool", tool), entries)

    def write(self, path: Path) -> None:
        ordered = sorted(self.entries, key=lambda e: e.key)
        document = {"tool": self.tool, "version": FORMAT_VERSION, "entries": [attrs.asdict(e) for e in ordered]}
        path.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    def pruned(self, stale: Iterable[BaselineEntry]) -> "Baseline":
        """The baseline without the stale entries: the only change that needs no reason."""
        gone = {e.key for e in stale}
        return Baseline(self.tool, tuple(e for e in self.entries if e.key not in gone))

    def accepting(self, findings: Iterable[Finding], reason: str) -> "Baseline":
        if not reason.strip():
            raise ValueError("accepting new findings needs a reason")
        added = {f.key: BaselineEntry(f.key, f.rule, f.file, reason) for f in findings if f.key not in self.keys}
        return Baseline(self.tool, self.entries + tuple(added.values()))


@attrs.frozen
class Verdict:
    new: tuple[Finding, ...]
    baselined: tuple[Finding, ...]
    stale: tuple[BaselineEntry, ...]

    @property
    def passed(self) -> bool:
        return not self.new and not self.stale


def compare(findings: Iterable[Finding], baseline: Baseline, scope: Optional[set[str]] = None) -> Verdict:
    """Split findings by the baseline; `scope` (files) limits both findings and stale entries."""
    found = sorted(findings, key=lambda f: (f.file, f.line, f.key))
    if scope is not None:
        found = [f for f in found if f.file in scope]
    keys = baseline.keys
    seen = {f.key for f in found}
    stale = tuple(
        e for e in sorted(baseline.entries, key=lambda e: e.key)
        if e.key not in seen and (scope is None or e.file in scope)
    )
    return Verdict(
        new=tuple(f for f in found if f.key not in keys),
        baselined=tuple(f for f in found if f.key in keys),
        stale=stale,
    )
