"""The committed baseline file: sorted accepted findings, and the comparison that ratchets it.

Exit semantics live here: a finding not in the baseline is new (fails), a baseline entry no
finding matches is stale (fails until pruned), the rest are baselined (warnings).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Mapping, Optional

import attrs

from aicmo.strangler.ratchet.finding import Finding

# 2: the boundaries keys name each imported name (`rule:importer->module.name`), no longer
# each module edge, and a cycle is keyed by the undeclared edge that closes it
FORMAT_VERSION = 2
# the oldest version whose keys a tool still reads; older files must be upgraded first
OLDEST_READABLE = {"boundaries": 2}


class BaselineFormatError(ValueError):
    """A baseline file this version cannot compare with (an older key format, or a newer one)."""


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
    def read(cls, path: Path, tool: str, any_version: bool = False) -> "Baseline":
        """The committed baseline; one in a format whose keys this version no longer makes is
        refused (its entries would all look stale) unless `any_version` (to upgrade it)."""
        if not path.is_file():
            return cls(tool)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            version = data.get("version", 1)
            entries = tuple(BaselineEntry(**e) for e in data.get("entries", []))
        except (ValueError, TypeError, AttributeError) as exc:
            raise BaselineFormatError(f"{path.name} is not a baseline file: {exc}") from None
        if not any_version and version > FORMAT_VERSION:
            raise BaselineFormatError(f"{path.name} is in format {version}, newer than this aicmo reads ({FORMAT_VERSION})")
        if not any_version and version < OLDEST_READABLE.get(tool, 1):
            raise BaselineFormatError(
                f"{path.name} is in format {version}, whose keys this version no longer makes: "
                f"run `aicmo {tool} baseline --upgrade` (each entry's reason is carried over)")
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


def upgraded(old: Baseline, findings: Iterable[Finding], former_key: Mapping[str, str]
             ) -> tuple[Baseline, tuple[BaselineEntry, ...]]:
    """The baseline in today's format: each finding whose former key was accepted, with that
    entry's reason; and the old entries no finding matches (stale, dropped)."""
    by_key = {e.key: e for e in old.entries}
    entries: dict[str, BaselineEntry] = {}
    matched: set[str] = set()
    for finding in findings:
        former = former_key.get(finding.key, finding.key)
        entry = by_key.get(former) or by_key.get(finding.key)
        if entry is not None and entry.rule == finding.rule:
            entries[finding.key] = BaselineEntry(finding.key, finding.rule, finding.file, entry.reason)
            matched.add(entry.key)
    unmatched = tuple(e for e in sorted(old.entries, key=lambda e: e.key) if e.key not in matched)
    return Baseline(old.tool, tuple(entries.values())), unmatched


@attrs.frozen
class Verdict:
    new: tuple[Finding, ...]
    baselined: tuple[Finding, ...]
    stale: tuple[BaselineEntry, ...]

    @property
    def passed(self) -> bool:
        return not self.new and not self.stale


def _in_scope(finding: Finding, scope: set[str]) -> Optional[Finding]:
    """The finding reported at its first place inside the scope, or None when it has none
    there (a cycle is blamed on the changed file whose import closes it, not on another)."""
    if finding.file in scope:
        return finding
    inside = sorted(place for place in finding.elsewhere if place[0] in scope)
    return finding.at(*inside[0]) if inside else None


def compare(findings: Iterable[Finding], baseline: Baseline, scope: Optional[set[str]] = None) -> Verdict:
    """Split findings by the baseline; `scope` (files) limits the findings reported and the
    stale entries. The findings are of the whole tree: an entry is stale only when nothing
    anywhere matches it, never because its finding lies outside the scope."""
    found = list(findings)
    seen = {f.key for f in found}
    if scope is not None:
        found = [f for f in (_in_scope(f, scope) for f in found) if f is not None]
    found.sort(key=lambda f: (f.file, f.line, f.key))
    keys = baseline.keys
    stale = tuple(
        e for e in sorted(baseline.entries, key=lambda e: e.key)
        if e.key not in seen and (scope is None or e.file in scope)
    )
    return Verdict(
        new=tuple(f for f in found if f.key not in keys),
        baselined=tuple(f for f in found if f.key in keys),
        stale=stale,
    )
