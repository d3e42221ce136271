"""`aicmo boundaries check --changed` on a scratch copy of this repository: a qc -> billing
import closes a cycle through billing -> delivery -> ... -> qc. The cycle is computed on the
whole graph and blamed on the qc file that adds the edge; the baselined billing/delivery cycle
stays accepted (never "stale, prune it").
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aicmo.cli_support.boundaries_cmd import app

REPO = Path(__file__).resolve().parents[2]
PLANTED = "aicmo/qc/internal/evaluate.py"
runner = CliRunner()


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@t", "-c", "user.name=t", *args], cwd=root, check=True, capture_output=True)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """The checked packages, the configuration and the baseline, committed on main; then the
    planted import, uncommitted."""
    root = tmp_path_factory.mktemp("repo")
    ignore = shutil.ignore_patterns("__pycache__", ".aicmo_cache", "*.db")
    for package in ("aicmo", "backend", "acl"):
        shutil.copytree(REPO / package, root / package, ignore=ignore)
    for name in ("pyproject.toml", "boundaries-baseline.json"):
        shutil.copy2(REPO / name, root / name)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "base")
    path = root / PLANTED
    path.write_text(path.read_text(encoding="utf-8") + "\nfrom aicmo.billing.api import BillingRequest  # noqa\n",
                    encoding="utf-8")
    return root


def _planted_line(root: Path) -> int:
    return len((root / PLANTED).read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("changed", [True, False], ids=["changed", "whole-tree"])
def test_a_planted_qc_to_billing_import_is_blamed_on_the_qc_file_and_prunes_nothing(scratch, changed):
    args = ["check", "--root", str(scratch), *(["--changed", "--base", "main"] if changed else [])]
    result = runner.invoke(app, args)
    assert 1 == result.exit_code, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    where = f"{PLANTED}:{_planted_line(scratch)}"
    assert f"error: {where}: [cycle] qc -> billing closes a cycle" in result.output
    assert all(where in line for line in errors), errors  # nothing blamed on an untouched file
    assert "stale" not in " ".join(errors) and "--prune" not in result.output
    assert ", 0 stale," in result.output
    if changed:
        assert "0 baselined" in result.output  # the accepted findings lie outside the change
    else:
        assert "[cycle] delivery -> billing closes a cycle" in result.output  # still accepted, as a warning
