"""Replaying stored inputs: legacy twice, the new implementation once, nothing kept.

For each input: its arguments are rebuilt as the port's types, legacy answers it twice, the
candidate once, as under shadow. Legacy runs on the caller's thread inside a transaction that
is rolled back when it returns: the legacy port is built so its sessions join that transaction
(each commit is a savepoint of it), and the candidate fence refuses any write it would make on
another connection, so a legacy command that writes is replayed and leaves nothing. The
candidate runs exactly as under shadow (dispatch/candidate_run.py): on a worker, fenced, rolled
back, abandoned past its timeout. The database is the one of today, not the one the call first
saw: a field legacy now answers otherwise than it did then is listed (`legacy_changed`).

Replaying records nothing: no comparison, no lost comparison, no kept input. A replay is a
check on the code of today, not evidence for the promotion gate.
"""
from __future__ import annotations

import re
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Callable, Optional

import attrs

from aicmo.strangler.dispatch.candidate_fence import CandidateFence
from aicmo.strangler.dispatch.candidate_run import run_candidate
from aicmo.strangler.dispatch.compare import as_plain, field_diffs
from aicmo.strangler.dispatch.settings import DEFAULT_TIMEOUT_S
from aicmo.strangler.evidence.fingerprint import call_fingerprint
from aicmo.strangler.replay.arguments import Decode, ReplayInputError, as_stored
from aicmo.strangler.replay.outcome import InputReplay, ModuleReplay
from aicmo.strangler.replay.stored import StoredInput, StoredInputs, Verdict

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

__all__ = ["ReplayTarget", "replay_module"]

_INDEX = re.compile(r"\[\d+\]")


@attrs.frozen
class ReplayTarget:
    """What replaying one module needs: both paths, and how the shadow runner compared them."""

    module: str
    engine: "Engine"  # the database the candidate's doomed transaction runs on
    candidate: Callable[["Connection"], Any]  # the new port bound to that transaction
    legacy_engine: "Engine"
    # the legacy port, its writes joined to the connection's transaction for as long as the context is open
    legacy: Callable[["Connection"], AbstractContextManager[Any]]
    decode: Decode = as_stored
    explain: Callable[[list[dict[str, Any]]], Optional[str]] = lambda diffs: None
    ignore: frozenset[str] = frozenset()
    timeout_s: float = DEFAULT_TIMEOUT_S


class _NotReplayable(Exception):
    """Why one input could not be replayed."""


def _field(path: str) -> str:
    return _INDEX.sub("", path).lstrip(".")


def _describe(exc: BaseException) -> str:
    first = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {first}".rstrip(": ")


def _legacy_answer(target: ReplayTarget, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    fence = CandidateFence(target.module)
    with target.legacy_engine.connect() as connection:
        connection.begin()
        try:
            with fence.guarding(connection), target.legacy(connection) as port:
                return getattr(port, method)(*args, **kwargs)
        except Exception as exc:  # no answer to compare against: the input says why
            raise _NotReplayable(f"legacy failed: {_describe(exc)}") from exc
        finally:
            connection.rollback()


def _arguments(target: ReplayTarget, stored: StoredInput) -> tuple[tuple[Any, ...], dict[str, Any]]:
    try:
        args, kwargs = target.decode(stored.method, stored.args, stored.kwargs)
    except ReplayInputError as exc:
        raise _NotReplayable(str(exc)) from exc
    if stored.call_fingerprint is not None and call_fingerprint(stored.method, args, kwargs) != stored.call_fingerprint:
        raise _NotReplayable("its stored arguments no longer rebuild the call that was recorded (the port's types changed?)")
    return args, kwargs


def replay_input(target: ReplayTarget, stored: StoredInput) -> InputReplay:
    """One input: legacy twice (the fields they disagree on are noise), then the candidate."""
    try:
        args, kwargs = _arguments(target, stored)
        first = _legacy_answer(target, stored.method, args, kwargs)
        second = _legacy_answer(target, stored.method, args, kwargs)
    except _NotReplayable as exc:
        return InputReplay(stored.key, stored.method, stored.before, None, error=str(exc))
    noise = frozenset(_field(d["path"]) for d in field_diffs(first, second, target.ignore))
    changed: tuple[str, ...] = ()
    if stored.legacy_output is not None:
        changed = tuple(sorted({_field(d["path"]) for d in field_diffs(stored.legacy_output, as_plain(first), target.ignore)}
                               - noise))
    outcome = run_candidate(target.module, target.engine, target.candidate,
                            lambda port: getattr(port, stored.method)(*args, **kwargs), target.timeout_s)
    common = {"noise": noise, "legacy_changed": changed}
    if outcome.fault is not None:
        return InputReplay(stored.key, stored.method, stored.before, Verdict.MISMATCHED, error=outcome.error, **common)
    try:
        every = field_diffs(first, outcome.result, target.ignore)
    except Exception as exc:  # an answer the comparer cannot walk is the candidate's fault, as under shadow
        return InputReplay(stored.key, stored.method, stored.before, Verdict.MISMATCHED,
                           error=f"uncomparable: {type(exc).__name__}", **common)
    fields = [d for d in every if _field(d["path"]) not in noise]
    divergence = target.explain(fields) if fields else None
    now = Verdict.MATCHED if not fields else Verdict.EXPLAINED if divergence else Verdict.MISMATCHED
    return InputReplay(stored.key, stored.method, stored.before, now, fields=tuple(fields), divergence=divergence, **common)


def replay_module(target: ReplayTarget, stored: StoredInputs,
                  progress: Callable[[InputReplay], None] = lambda one: None) -> ModuleReplay:
    """Every stored input of the module, one after the other."""
    replays: list[InputReplay] = []
    for one in stored.inputs:
        replays.append(replay_input(target, one))
        progress(replays[-1])
    return ModuleReplay(target.module, tuple(replays), stored.not_kept)


