"""Where the running package finds its configuration: beside a checkout, else AICMO_PYPROJECT, else
the working directory upward; an installed copy with none of these fails naming what it searched."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import aicmo
from aicmo.shared.config_file import PYPROJECT_ENV, ProjectConfigError, package_pyproject

REPO = Path(__file__).resolve().parents[3]
CONFIG = '[tool.aicmo]\nmodules = { billing = [], delivery = ["billing"] }\n'
# what `import aicmo.shared.modules` needs, nothing more: it must not need the rest of the package
MODULES_FILES = ("aicmo/__init__.py", "aicmo/shared/__init__.py", "aicmo/shared/config_file.py",
                 "aicmo/shared/module_graph.py", "aicmo/shared/modules.py")


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """The package as if installed into site-packages (no pyproject.toml beside it) and a deployment folder."""
    monkeypatch.setattr(aicmo, "__file__", str(tmp_path / "site-packages/aicmo/__init__.py"))
    monkeypatch.delenv(PYPROJECT_ENV, raising=False)
    deployment = tmp_path / "deployment"
    (deployment / "logs").mkdir(parents=True)
    return deployment


def test_a_checkout_reads_the_pyproject_beside_the_package(monkeypatch, tmp_path):
    """A source or editable install: the checkout's own file, wherever the command runs from."""
    monkeypatch.delenv(PYPROJECT_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    assert REPO / "pyproject.toml" == package_pyproject()


def test_an_installed_package_reads_the_pyproject_of_the_folder_it_runs_in(installed, monkeypatch):
    """From the deployment folder or below it; a pyproject.toml without [tool.aicmo] on the way is passed over."""
    (installed / "pyproject.toml").write_text(CONFIG)
    (installed / "logs/pyproject.toml").write_text('[project]\nname = "other"\n')
    monkeypatch.chdir(installed / "logs")
    assert installed / "pyproject.toml" == package_pyproject()


def test_the_environment_names_the_file(installed, monkeypatch, tmp_path):
    """AICMO_PYPROJECT wins over every search."""
    named = tmp_path / "config/pyproject.toml"
    named.parent.mkdir()
    named.write_text(CONFIG)
    monkeypatch.setenv(PYPROJECT_ENV, str(named))
    assert named == package_pyproject()
    monkeypatch.setenv(PYPROJECT_ENV, str(tmp_path / "nowhere.toml"))
    with pytest.raises(ProjectConfigError, match=f"{PYPROJECT_ENV}=.*nowhere.toml: no pyproject.toml with a \\[tool.aicmo\\] table"):
        package_pyproject()


def test_nothing_found_names_every_place_searched(installed, monkeypatch, tmp_path):
    monkeypatch.chdir(installed / "logs")
    with pytest.raises(ProjectConfigError) as refused:
        package_pyproject()
    message = str(refused.value)
    for searched in (tmp_path / "site-packages/pyproject.toml", installed / "logs/pyproject.toml", installed / "pyproject.toml"):
        assert str(searched) in message
    assert f"set {PYPROJECT_ENV}" in message


def _copy_installed_package(site: Path) -> None:
    for name in MODULES_FILES:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, site / name)


def _import_modules(site: Path, cwd: Path) -> subprocess.CompletedProcess:
    # -S: no site-packages, so no editable install can hand back the checkout's copy
    code = "import aicmo, aicmo.shared.modules as m; print(aicmo.__file__); print(','.join(m.MODULES))"
    env = {"PYTHONPATH": str(site), "PATH": os.environ.get("PATH", "")}
    return subprocess.run([sys.executable, "-S", "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def test_an_installed_copy_of_the_package_loads_its_modules_from_the_deployment(tmp_path):
    """A real process importing a copy of the package that has no pyproject.toml beside it."""
    site, deployment = tmp_path / "site", tmp_path / "deployment"
    _copy_installed_package(site)
    deployment.mkdir()
    (deployment / "pyproject.toml").write_text(CONFIG)
    loaded = _import_modules(site, deployment)
    assert 0 == loaded.returncode, loaded.stderr
    assert [str(site / "aicmo/__init__.py"), "billing,delivery"] == loaded.stdout.splitlines()
    lost = _import_modules(site, tmp_path)
    assert 1 == lost.returncode
    assert "ProjectConfigError: no pyproject.toml with a [tool.aicmo] table: searched" in lost.stderr
    assert str(tmp_path / "pyproject.toml") in lost.stderr
