"""A test hook of the composition root: hold the journey just before one step, so a test can kill it there.

``AICMO_TEST_PAUSE_BEFORE_STEP=billing.issue_milestone_invoices`` makes that step print
``paused before <step>`` on stderr and sleep (``AICMO_TEST_PAUSE_SECONDS``, default 60) before
it runs. Unset, it costs one dictionary lookup per step.
"""
from __future__ import annotations

import os
import sys
import time

__all__ = ["PAUSE_ENV", "pause_if_asked"]

PAUSE_ENV = "AICMO_TEST_PAUSE_BEFORE_STEP"
SECONDS_ENV = "AICMO_TEST_PAUSE_SECONDS"


def pause_if_asked(step: str) -> None:
    if os.environ.get(PAUSE_ENV) != step:
        return
    sys.stderr.write(f"paused before {step}\n")
    sys.stderr.flush()
    time.sleep(float(os.environ.get(SECONDS_ENV, "60")))
