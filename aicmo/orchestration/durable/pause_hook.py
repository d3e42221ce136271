"""A test hook of the composition root: hold the journey at one step, so a test can kill it there.

``AICMO_TEST_PAUSE_BEFORE_STEP=billing.issue_milestone_invoices`` makes that step print
``paused before <step>`` on stderr and sleep (``AICMO_TEST_PAUSE_SECONDS``, default 60) before
the port is called; ``AICMO_TEST_PAUSE_AFTER_STEP`` does the same once the port has answered
(its effect committed) and before the step's checkpoint is written: the worst moment for a crash.
``<step>#<n>`` holds only the n-th call of that step the process runs (an acquisition's third
batch: ``cam.import_lead_batch#3``).
Unset, it costs two dictionary lookups per step.
"""
from __future__ import annotations

import os
import sys
import time
from collections import Counter

__all__ = ["PAUSE_AFTER_ENV", "PAUSE_ENV", "pause_if_asked"]

PAUSE_ENV = "AICMO_TEST_PAUSE_BEFORE_STEP"
PAUSE_AFTER_ENV = "AICMO_TEST_PAUSE_AFTER_STEP"
SECONDS_ENV = "AICMO_TEST_PAUSE_SECONDS"

_calls: Counter[tuple[str, str]] = Counter()  # (when, step): how many times this process has reached it


def pause_if_asked(step: str, when: str = "before") -> None:
    wanted = os.environ.get(PAUSE_ENV if when == "before" else PAUSE_AFTER_ENV)
    if wanted is None or not wanted.startswith(step):
        return
    _calls[when, step] += 1
    if wanted not in (step, f"{step}#{_calls[when, step]}"):
        return
    sys.stderr.write(f"paused {when} {wanted}\n")
    sys.stderr.flush()
    time.sleep(float(os.environ.get(SECONDS_ENV, "60")))
