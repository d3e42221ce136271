"""`aicmo run` imports what running a journey uses: no checker, report or other command, no unittest.mock."""
from __future__ import annotations

import shutil
from importlib import resources

from aicmo.cli_support.import_probe import among, command_imports
from tests.unit.cli_startup.conftest import NOT_AT_START, NOT_ON_RUN, child_env


def test_a_reproducible_run_imports_only_its_path(command_database_url, tmp_path):
    intake = tmp_path / "intake.json"
    with resources.as_file(resources.files("aicmo.samples").joinpath("demo_intake.json")) as sample:
        shutil.copyfile(sample, intake)
    ran = command_imports(
        ["run", str(intake), "--reproducible", "--database-url", command_database_url,
         "--out-dir", str(tmp_path / "out"), "--json", str(tmp_path / "result.json")],
        cwd=tmp_path, env=child_env(),
    )
    assert 0 == ran.returncode, ran.stderr
    assert (tmp_path / "result.json").exists()
    assert [] == among(ran.modules, NOT_ON_RUN)


def test_the_run_help_loads_the_run_command_only():
    shown = command_imports(["run", "--help"], env=child_env())
    assert 0 == shown.returncode
    assert "--reproducible" in shown.stdout and "INTAKE.json" in shown.stdout
    # Typer itself brings pydantic for a command's parameters; the application stays unloaded
    unloaded = [name for name in NOT_AT_START if name not in ("pydantic", "aicmo.cli_support.journey_cmd")]
    assert [] == among(shown.modules, unloaded)


def test_a_planted_eager_import_on_the_run_path_is_caught(tmp_path):
    """The planted fault: the boundary checker imported by the run command's code is reported (an input
    error keeps the run short: the start-up imports are all there is to see)."""
    ran = command_imports(["run", str(tmp_path / "missing.json")], env=child_env(),
                          also_import=["aicmo.cli_support.boundaries_cmd"])
    assert 2 == ran.returncode
    assert "aicmo.strangler.boundaries" in among(ran.modules, NOT_ON_RUN)
