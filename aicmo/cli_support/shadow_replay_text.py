"""`aicmo shadow replay` in text: what changed per module, the failing inputs first, noise apart."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console

if TYPE_CHECKING:
    from aicmo.strangler.replay.outcome import InputReplay, ModuleReplay

__all__ = ["print_replay"]

_HEADINGS = (
    ("still_mismatching", "still mismatching"),
    ("newly_mismatching", "newly mismatching (matched before: a regression)"),
    ("explained", "explained by a declared divergence"),
    ("fixed", "fixed (mismatched before, match now)"),
    ("unreplayable", "could not be replayed"),
)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _line(one: "InputReplay") -> str:
    what = one.error or ", ".join(f"{d['path']}: {_short(d['legacy'])} != {_short(d['new'])}" for d in one.fields[:3])
    if one.error is None and len(one.fields) > 3:
        what += f", and {len(one.fields) - 3} more fields"
    if one.divergence:
        what = f"{one.divergence}: {what}"
    return f"  {one.method} {one.key[:12]}: {what}" if what else f"  {one.method} {one.key[:12]}"


def print_replay(out: Console, replay: "ModuleReplay", limit: int) -> None:
    from aicmo.strangler.replay.outcome import Change

    counts = {change: len(replay.having(change)) for change in Change}
    out.print(f"{replay.module}: {replay.replayed} inputs replayed: {counts[Change.FIXED]} fixed, "
              f"{counts[Change.STILL_MISMATCHING]} still mismatching, {counts[Change.NEWLY_MISMATCHING]} newly mismatching, "
              f"{counts[Change.EXPLAINED]} explained, {counts[Change.STILL_MATCHING]} still matching; "
              f"{counts[Change.UNREPLAYABLE]} could not be replayed")
    if replay.not_kept:
        out.print(f"{replay.module}: {replay.not_kept} matched inputs were not kept (past the bound, or recorded before "
                  "inputs were kept), so not replayed")
    if replay.noise_fields:
        noise = ", ".join(f"{field} ({n} inputs)" for field, n in replay.noise_fields.items())
        out.print(f"{replay.module}: noise, fields two legacy runs of one input disagree on (not counted as mismatches): {noise}")
    for value, heading in _HEADINGS:
        listed = replay.having(Change(value))
        if not listed:
            continue
        out.print(f"{heading}:")
        for one in listed[:limit]:
            out.print(_line(one))
        if len(listed) > limit:
            out.print(f"  ... and {len(listed) - limit} more (--limit, or --format json for all)")
    out.print("replay passed: nothing mismatches unexplained" if replay.passed else
              "replay failed: inputs still mismatch, or newly do")
