"""`aicmo --version`: the installed package's version, exit 0, nothing else run."""
from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

from tests.e2e.conftest import AICMO_PROCESS


def test_version_prints_the_package_metadata_version_and_exits_0(workdir):
    """In a process of its own, as an operator types it: one line from the package's metadata, no file written."""
    shown = subprocess.run([sys.executable, "-c", AICMO_PROCESS, "--version"], capture_output=True, text=True, timeout=60)
    assert (0, f"aicmo {version('aicmo')}\n", "") == (shown.returncode, shown.stdout, shown.stderr)
    assert [] == list(workdir.iterdir())


def test_the_version_is_read_from_the_metadata_not_typed_in(aicmo, monkeypatch):
    """A release changes the metadata only: what the metadata says is what --version prints."""
    import importlib.metadata

    monkeypatch.setattr(importlib.metadata, "version", lambda name: {"aicmo": "9.8.7"}[name])
    shown = aicmo("--version")
    assert (0, "aicmo 9.8.7\n") == (shown.exit_code, shown.output)
