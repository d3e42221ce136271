"""The outcome of one test session per evidence group: (module, suite, path, database) -> passed or not.

A group is only worth recording when the whole suite ran: a test deselected (`-k`, `-m`,
`--lf`) or a run narrowed to single tests (`file.py::test`) would record a pass for a part
of the suite, so such a group is kept out of the evidence and said why.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Optional

import attrs

__all__ = ["EvidenceKey", "GroupTally", "SuiteTally", "evidence_key"]

MARKER = "aicmo_evidence"


@attrs.frozen(order=True)
class EvidenceKey:
    module: str
    suite: str
    path: str  # legacy or new: the route the module's port was on while the tests ran
    database: str = "sqlite"  # the kind of database the tests ran on: sqlite or postgresql

    def __str__(self) -> str:
        return f"{self.module} {self.suite} suite on the {self.path} path on {self.database}"


def evidence_key(markers: Iterable[Any], database: str = "sqlite") -> Optional[EvidenceKey]:
    """Merge the `aicmo_evidence` markers of one test, closest first, into its key.

    `module` and `suite` name the suite; `routes` ({module: route}) says which modules ran on
    which route — a module not named there ran on legacy. `database` is the kind of database the
    test ran on. A test without module or suite is not evidence.
    """
    merged: dict[str, Any] = {}
    for marker in markers:
        for name, value in marker.kwargs.items():
            merged.setdefault(name, value)
    if "module" not in merged or "suite" not in merged:
        return None
    routes: Mapping[str, str] = merged.get("routes") or {}
    return EvidenceKey(merged["module"], merged["suite"], routes.get(merged["module"], "legacy"), database)


@attrs.define
class GroupTally:
    expected: int = 0  # tests collected for the session
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    partial_because: Optional[str] = None

    @property
    def succeeded(self) -> bool:
        return self.failed == 0 and self.passed > 0

    @property
    def why_not_recordable(self) -> Optional[str]:
        """Why this group's outcome is no evidence for its whole suite; None when it is."""
        if self.partial_because:
            return self.partial_because
        ran = self.passed + self.failed + self.skipped
        if self.failed == 0 and ran < self.expected:  # stopped early (-x, an interrupt): a failure still counts
            return f"only {ran} of {self.expected} tests ran"
        if self.passed == 0 and self.failed == 0:
            return "no test passed or failed"
        return None

    def summary(self) -> str:
        return f"{self.passed} passed, {self.failed} failed, {self.skipped} skipped"


@attrs.define
class SuiteTally:
    """Counts test outcomes per evidence group over one session."""

    groups: dict[EvidenceKey, GroupTally] = attrs.field(factory=dict)
    _failed_tests: set[str] = attrs.field(factory=set)

    def collected(self, key: EvidenceKey) -> None:
        self.groups.setdefault(key, GroupTally()).expected += 1

    def deselected(self, key: EvidenceKey) -> None:
        self.groups.setdefault(key, GroupTally()).partial_because = "tests of the suite were deselected"

    def narrowed(self, why: str) -> None:
        for group in self.groups.values():
            group.partial_because = group.partial_because or why

    def outcome(self, key: EvidenceKey, test_id: str, when: str, outcome: str) -> None:
        """One report of a test phase (setup, call, teardown); a test counts once."""
        group = self.groups.setdefault(key, GroupTally())
        if outcome == "failed":
            if test_id not in self._failed_tests:
                self._failed_tests.add(test_id)
                group.failed += 1
                # a test whose call passed and teardown failed was counted passed: take it back
                if when == "teardown":
                    group.passed -= 1
        elif outcome == "skipped" and when in ("setup", "call"):
            group.skipped += 1
        elif outcome == "passed" and when == "call":
            group.passed += 1

    def recordable(self) -> dict[EvidenceKey, GroupTally]:
        return {key: group for key, group in sorted(self.groups.items()) if group.why_not_recordable is None}

    def not_recordable(self) -> dict[EvidenceKey, str]:
        found = {key: group.why_not_recordable for key, group in sorted(self.groups.items())}
        return {key: why for key, why in found.items() if why is not None}
