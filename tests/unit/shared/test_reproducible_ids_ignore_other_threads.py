"""--reproducible seeds uuid4 only where the run is: a thread started before (the workflow engine's) draws real ids.

Planted: a background thread drawing uuid4 throughout the run. Without the context variable its
draws would come from the seeded stream and shift every id the run mints afterwards.
"""
from __future__ import annotations

import contextvars
import threading
import uuid

from aicmo.cli_support.reproducible import reproducible, seeded_uuid4


def test_a_background_thread_does_not_shift_the_seeded_ids():
    stop, drawn = threading.Event(), []

    def engine_thread() -> None:
        while not stop.is_set():
            drawn.append(uuid.uuid4())
            stop.wait(0.0005)

    background = threading.Thread(target=engine_thread, daemon=True)
    background.start()
    try:
        with reproducible("seed"):
            minted = []
            for _ in range(200):
                minted.append(uuid.uuid4())
                threading.Event().wait(0.0001)  # let the background thread draw in between
    finally:
        stop.set()
        background.join()
    expected = seeded_uuid4("seed")
    assert [expected() for _ in range(200)] == minted
    assert drawn and not set(drawn) & set(minted)


def test_a_thread_started_with_the_runs_context_draws_seeded_ids():
    """The shadow candidate runs on a thread started with a copy of the context: still seeded."""
    with reproducible("seed"):
        got = []
        worker = threading.Thread(target=contextvars.copy_context().run, args=(lambda: got.append(uuid.uuid4()),))
        worker.start()
        worker.join()
    assert [seeded_uuid4("seed")()] == got
