"""Where this process writes the output of an acquisition run: the --json of the command that runs or continues it.

The workflow writes its output itself, page by page, so no process ever holds every lead; its
result is only the campaign and the summary. The target is not part of the workflow's
request: a run killed half-way and continued by `aicmo acquire ... --json other.json` or
`aicmo journeys resume ID --json other.json` writes where the continuing command was asked.
A file is written beside its target and renamed over it, so a crash never leaves half a
document and a replay rewrites the same bytes; '-' (stdout) is spooled and copied out
whole once the run has finished, so stdout never holds half a document either. A run with no target (continued without
--json) still plans and reads every page, to the same summary, and writes nowhere.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Callable, Iterator, Optional, TextIO, TypeVar, Union

__all__ = ["output_to", "write_output"]

T = TypeVar("T")

_targets: dict[str, Union[str, IO[str]]] = {}  # a file's path, or the spool of stdout


@contextmanager
def output_to(workflow_id: str, target: Optional[str]) -> Iterator[None]:
    """While the block runs, the run ``workflow_id`` (run here, in any thread) writes its output to ``target``.

    For '-' the run writes to a spool, copied to stdout when the block ends without an error:
    after any progress display inside it has let go of the terminal.
    """
    if not target:
        yield
        return
    if target != "-":
        _targets[workflow_id] = target
        try:
            yield
        finally:
            _targets.pop(workflow_id, None)
        return
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        _targets[workflow_id] = spool
        try:
            yield
        finally:
            _targets.pop(workflow_id, None)
        spool.seek(0)
        shutil.copyfileobj(spool, sys.stdout)
        sys.stdout.flush()


class _Nowhere:
    def write(self, text: str) -> int:
        return len(text)


def write_output(workflow_id: str, write: Callable[[TextIO], T]) -> T:
    """``write`` given a handle on the run's target (see the module's docstring); what it returns."""
    target = _targets.get(workflow_id)
    if target is None:
        return write(_Nowhere())  # type: ignore[arg-type]
    if not isinstance(target, str):
        target.seek(0)  # a replay in this process writes the document again, whole
        target.truncate()
        return write(target)  # type: ignore[arg-type]
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        with partial.open("w", encoding="utf-8") as handle:
            result = write(handle)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return result
