"""Whether a contract's changes are allowed: breaking ones only with a raised major version."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from aicmo.strangler.contract_versions.diff import Change, diff_documents

__all__ = ["InvalidVersion", "Verdict", "judge", "major_of", "verdicts_document"]

_SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")


class InvalidVersion(ValueError):
    """A CONTRACT_VERSION that is not MAJOR.MINOR.PATCH."""


def major_of(version: str) -> int:
    match = _SEMVER.match(version or "")
    if match is None:
        raise InvalidVersion(f"contract version {version!r} is not MAJOR.MINOR.PATCH")
    return int(match.group(1))


@dataclass(frozen=True)
class Verdict:
    """The outcome for one module."""

    module: str
    committed_version: Optional[str]
    code_version: str
    changes: list[Change] = field(default_factory=list)
    problem: Optional[str] = None

    @property
    def breaking(self) -> list[Change]:
        return [c for c in self.changes if c.breaking]

    @property
    def major_raised(self) -> bool:
        if self.committed_version is None:
            return False
        return major_of(self.code_version) > major_of(self.committed_version)

    @property
    def passed(self) -> bool:
        if self.problem is not None:
            return False
        return not self.breaking or self.major_raised

    @property
    def stale(self) -> bool:
        """The committed document differs from the code (run ``aicmo contracts update``)."""
        return bool(self.changes) or self.committed_version != self.code_version


def judge(committed: Optional[dict[str, Any]], current: dict[str, Any]) -> Verdict:
    """Compare the committed document with the code's and decide."""
    module, code_version = current["module"], current["contract_version"]
    try:
        major_of(code_version)
    except InvalidVersion as exc:
        return Verdict(module, None, code_version, problem=f"CONTRACT_VERSION: {exc}")
    if committed is None:
        return Verdict(module, None, code_version, problem="no committed schema; run `aicmo contracts update`")
    committed_version = committed.get("contract_version", "")
    try:
        committed_major = major_of(committed_version)
    except InvalidVersion as exc:
        return Verdict(module, committed_version, code_version, problem=f"committed schema: {exc}")
    changes = diff_documents(committed, current)
    if major_of(code_version) < committed_major:
        problem = f"CONTRACT_VERSION {code_version} is below the committed {committed_version}"
        return Verdict(module, committed_version, code_version, changes, problem)
    return Verdict(module, committed_version, code_version, changes)


def _change_entry(change: Change) -> dict[str, Any]:
    return {"model": change.model, "field": change.field, "kind": change.kind.value, "detail": change.detail,
            "breaking": change.breaking, "text": str(change)}


def verdicts_document(verdicts: list[Verdict]) -> dict[str, Any]:
    """`aicmo contracts check --format json`: {"passed", "failed" (module names), "modules": [...]}.

    Each module: module, passed, committed_version (null when none is committed), code_version,
    major_raised, stale (the committed schema differs from the code), problem (null or why the
    check could not compare), changes ([{"model", "field", "kind", "detail", "breaking", "text"}]).
    """
    failed = [v.module for v in verdicts if not v.passed]
    return {
        "passed": not failed,
        "failed": failed,
        "modules": [{
            "module": v.module,
            "passed": v.passed,
            "committed_version": v.committed_version,
            "code_version": v.code_version,
            # an unreadable version has no major to compare: not raised
            "major_raised": v.problem is None and v.major_raised,
            "stale": v.stale,
            "problem": v.problem,
            "changes": [_change_entry(c) for c in v.changes],
        } for v in verdicts],
    }
