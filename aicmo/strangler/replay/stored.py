"""The inputs a module's shadow comparisons kept, each with the verdict its latest comparison gave.

An input is known by the fingerprint of its call (evidence/fingerprint.py). A mismatch (or a
candidate fault) keeps its inputs and legacy's answer in its own row; a matched call keeps them
once per fingerprint in strangler_kept_inputs, a bounded number per module, so a matched input
may have none to replay (`not_kept`). Rows from before revision 0009 keep no fingerprint: their
inputs are told apart by the fingerprint of the inputs as stored.
"""
from __future__ import annotations

import enum
from typing import Any, Optional

import attrs
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from aicmo.strangler.evidence.fingerprint import fingerprint as stored_fingerprint
from aicmo.strangler.evidence.tables import KeptInputRow, ShadowComparisonRow

__all__ = ["StoredInput", "StoredInputs", "Verdict", "stored_inputs"]


class Verdict(str, enum.Enum):
    """What a comparison said: the two paths agreed, differed as a declared divergence explains, or not."""

    MATCHED = "matched"
    EXPLAINED = "explained"
    MISMATCHED = "mismatched"  # an unexplained difference, or a candidate fault


@attrs.frozen
class StoredInput:
    key: str  # the call's fingerprint; "stored:<fingerprint of the inputs>" for a row from before 0009
    method: str
    args: list[Any]
    kwargs: dict[str, Any]
    legacy_output: Any  # legacy's answer when it was recorded; None when that was not kept
    before: Verdict
    call_fingerprint: Optional[str]  # what the rebuilt call must fingerprint to (None: a row from before 0009)


@attrs.frozen
class StoredInputs:
    inputs: list[StoredInput]
    not_kept: int  # matched inputs whose inputs were not kept (past the bound, or recorded before 0009)


def _verdict(row: Any) -> Verdict:
    if row.matched and not row.candidate_fault and not row.candidate_error:
        return Verdict.MATCHED
    return Verdict.EXPLAINED if row.divergence else Verdict.MISMATCHED


def _inputs(key: str, inputs: Any, legacy_output: Any, before: Verdict, call: Optional[str]) -> Optional[StoredInput]:
    if not isinstance(inputs, dict) or not isinstance(inputs.get("method"), str):
        return None
    args, kwargs = inputs.get("args") or [], inputs.get("kwargs") or {}
    return StoredInput(key, inputs["method"], list(args), dict(kwargs), legacy_output, before, call)


def stored_inputs(session: Session, module: str, *, mismatches_only: bool = False) -> StoredInputs:
    """Every distinct input of `module` that can be replayed, oldest first; with `mismatches_only`, those
    whose latest comparison was a mismatch (explained or not)."""
    table = ShadowComparisonRow
    latest = (select(func.max(table.id).label("id")).where(table.module == module, table.fingerprint.is_not(None))
              .group_by(table.fingerprint).subquery())
    columns = (table.id, table.fingerprint, table.matched, table.divergence, table.candidate_fault, table.candidate_error,
               table.inputs, table.legacy_output)
    found: dict[str, tuple[int, Optional[StoredInput]]] = {}
    wanting: dict[str, tuple[int, Verdict]] = {}  # matched inputs whose row keeps only the fingerprint
    for row in session.execute(select(*columns).join(latest, table.id == latest.c.id)):
        before = _verdict(row)
        if row.inputs is None:
            wanting[row.fingerprint] = (row.id, before)
        else:
            found[row.fingerprint] = (row.id, _inputs(row.fingerprint, row.inputs, row.legacy_output, before, row.fingerprint))
    earlier = select(*columns).where(table.module == module, table.fingerprint.is_(None), table.inputs.is_not(None))
    for row in session.execute(earlier.order_by(table.id)):
        key = f"stored:{stored_fingerprint(row.inputs)}"
        found[key] = (row.id, _inputs(key, row.inputs, row.legacy_output, _verdict(row), None))  # the later row wins
    not_kept = 0
    if wanting:
        kept = {k.fingerprint: (k.inputs, k.legacy_output)
                for k in session.scalars(select(KeptInputRow).where(KeptInputRow.module == module))}
        missing = [fingerprint for fingerprint in wanting if fingerprint not in kept]
        if missing:  # matched now, kept no inputs, but mismatched earlier: that mismatch's row has them
            earlier_mismatches = (select(table.fingerprint, table.inputs, table.legacy_output)
                                  .where(table.module == module, table.fingerprint.in_(missing), table.inputs.is_not(None))
                                  .order_by(table.id))
            kept.update({row.fingerprint: (row.inputs, row.legacy_output) for row in session.execute(earlier_mismatches)})
        for fingerprint, (row_id, before) in wanting.items():
            if fingerprint not in kept:
                not_kept += 1
                continue
            inputs, legacy_output = kept[fingerprint]
            found[fingerprint] = (row_id, _inputs(fingerprint, inputs, legacy_output, before, fingerprint))
    inputs = [one for _, one in sorted(found.values(), key=lambda pair: pair[0]) if one is not None]
    if mismatches_only:
        inputs = [one for one in inputs if one.before is not Verdict.MATCHED]
    return StoredInputs(inputs, 0 if mismatches_only else not_kept)
