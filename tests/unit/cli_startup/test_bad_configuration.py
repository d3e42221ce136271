"""A command started against a bad [tool.aicmo] exits 2 with the key named, not a traceback."""
from __future__ import annotations

import subprocess
import sys

from aicmo.shared.config_file import PYPROJECT_ENV
from tests.unit.cli_startup.conftest import child_env


def test_a_bad_configuration_stops_a_command_with_exit_2(tmp_path):
    """The contracts command reads the module list as it loads; an unknown dependency there is bad input."""
    bad = tmp_path / "pyproject.toml"
    bad.write_text('[tool.aicmo]\nmodules = { billing = ["ledger"] }\n', encoding="utf-8")
    started = subprocess.run([sys.executable, "-m", "aicmo.cli", "contracts", "check"], env={**child_env(), PYPROJECT_ENV: str(bad)},
                             cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert (2, "error: tool.aicmo.modules.billing depends on unknown modules: ledger\n") == (started.returncode, started.stderr)
