"""`aicmo check`'s bad input exits 2 before any check runs, and writes nothing."""
from __future__ import annotations

from typer.testing import CliRunner

from aicmo.cli import app

runner = CliRunner()


def test_an_unknown_format_is_refused():
    result = runner.invoke(app, ["check", "--format", "xml"])
    assert 2 == result.exit_code
    assert "'xml' is not one of" in result.output


def test_a_sarif_file_in_a_missing_folder_is_refused_before_anything_runs(tmp_path):
    target = tmp_path / "missing" / "report.sarif"
    result = runner.invoke(app, ["check", "--no-suites", "--sarif", str(target)])
    assert 2 == result.exit_code
    assert "its folder does not exist" in result.output
    assert not target.parent.exists()


def test_a_folder_without_a_project_is_refused(tmp_path):
    result = runner.invoke(app, ["check", "--no-suites", "--root", str(tmp_path)])
    assert 2 == result.exit_code
    assert "no pyproject.toml" in result.output


def test_a_base_without_changed_is_refused():
    result = runner.invoke(app, ["check", "--base", "main"])
    assert 2 == result.exit_code
    assert "add --changed" in result.output
