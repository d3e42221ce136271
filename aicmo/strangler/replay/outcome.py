"""What a replay found, per input and per module, and the document `--format json` prints.

Each replayed input falls in one place, by its verdict then (the latest comparison) and now:

- fixed: a mismatch then, a match now;
- still mismatching: an unexplained mismatch then and now (the fields that still differ);
- newly mismatching: a match (or an explained mismatch) then, an unexplained mismatch now: a regression;
- explained: now a mismatch a declared divergence accounts for;
- still matching.

Fields that differ between legacy's two runs of one input are noise: they are taken out of
every comparison and counted apart, per field. An input that could not be replayed is listed
with why. A replay fails when anything still mismatches unexplained, or newly does.
"""
from __future__ import annotations

import enum
from collections import Counter
from typing import Any, Optional

import attrs

from aicmo.strangler.replay.stored import Verdict

__all__ = ["Change", "InputReplay", "ModuleReplay", "replay_document"]


class Change(str, enum.Enum):
    FIXED = "fixed"
    STILL_MISMATCHING = "still_mismatching"
    NEWLY_MISMATCHING = "newly_mismatching"
    EXPLAINED = "explained"
    STILL_MATCHING = "still_matching"
    UNREPLAYABLE = "unreplayable"


FAILING = (Change.STILL_MISMATCHING, Change.NEWLY_MISMATCHING)


@attrs.frozen
class InputReplay:
    """One stored input run again."""

    key: str
    method: str
    before: Verdict
    now: Optional[Verdict]  # None: it could not be replayed
    fields: tuple[dict[str, Any], ...] = ()  # {"path", "legacy", "new"} that differ now, noise taken out
    noise: frozenset[str] = frozenset()  # fields that differed between legacy's two runs (list indices dropped)
    divergence: Optional[str] = None
    error: Optional[str] = None  # the candidate's fault, or why the input could not be replayed
    legacy_changed: tuple[str, ...] = ()  # fields where legacy now answers otherwise than when recorded

    @property
    def change(self) -> Change:
        if self.now is None:
            return Change.UNREPLAYABLE
        if self.now is Verdict.EXPLAINED:
            return Change.EXPLAINED
        if self.now is Verdict.MISMATCHED:
            return Change.STILL_MISMATCHING if self.before is Verdict.MISMATCHED else Change.NEWLY_MISMATCHING
        if self.before is Verdict.MATCHED:
            return Change.STILL_MATCHING
        return Change.FIXED

    def document(self) -> dict[str, Any]:
        return {"fingerprint": self.key, "method": self.method, "before": self.before.value,
                "now": self.now.value if self.now else None, "fields": list(self.fields), "divergence": self.divergence,
                "error": self.error, "noise_fields": sorted(self.noise), "legacy_changed": list(self.legacy_changed)}


@attrs.frozen
class ModuleReplay:
    module: str
    inputs: tuple[InputReplay, ...]
    not_kept: int  # matched inputs that kept no inputs to replay

    def having(self, change: Change) -> list[InputReplay]:
        return [one for one in self.inputs if one.change is change]

    @property
    def replayed(self) -> int:
        return sum(1 for one in self.inputs if one.now is not None)

    @property
    def noise_fields(self) -> dict[str, int]:
        """Field -> inputs on which legacy's two runs disagreed about it."""
        return dict(sorted(Counter(field for one in self.inputs for field in one.noise).items()))

    @property
    def passed(self) -> bool:
        return not any(one.change in FAILING for one in self.inputs)


def replay_document(replays: list[ModuleReplay]) -> dict[str, Any]:
    """{"passed", "modules": [{"module", "replayed", "not_kept", "counts" (change -> inputs), "noise_fields"
    (field -> inputs), and per change but still_matching the inputs in it}]}."""
    modules = []
    for replay in replays:
        listed = {change.value: [one.document() for one in replay.having(change)]
                  for change in Change if change is not Change.STILL_MATCHING}
        modules.append({"module": replay.module, "replayed": replay.replayed, "not_kept": replay.not_kept,
                        "passed": replay.passed, "counts": {c.value: len(replay.having(c)) for c in Change},
                        "noise_fields": replay.noise_fields, **listed})
    return {"passed": all(r.passed for r in replays), "modules": modules}
