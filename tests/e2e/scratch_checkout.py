"""A scratch git checkout of this project, to run `aicmo` commands against a change.

The project's files (tracked and untracked, as in the working tree, minus what git ignores) are
copied to a repository with one commit on `main` (the "remote"); each test clones it and works
on a branch, as a CI job or a developer would. Commands run with the checkout first on
PYTHONPATH, so `aicmo` runs the checkout's own code (a planted change in it is what is checked).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, Optional

REPO = Path(__file__).resolve().parents[2]
GIT_IDENTITY = ("-c", "user.email=gate@example.org", "-c", "user.name=gate")


def git(where: Path, *args: str) -> str:
    done = subprocess.run(["git", *GIT_IDENTITY, *args], cwd=where, check=True, capture_output=True, text=True)
    return done.stdout


def project_files() -> list[str]:
    listed = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    return sorted({name for name in listed if name and (REPO / name).is_file()})


def make_origin(folder: Path, prepare: Optional[Callable[[Path], None]] = None) -> Path:
    """A repository whose `main` holds the project as it is in the working tree (after `prepare`)."""
    folder.mkdir(parents=True)
    for name in project_files():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    if prepare is not None:
        prepare(folder)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "the project")
    return folder


def clone_for_change(origin: Path, folder: Path, branch: str = "change") -> Path:
    """A clone of the origin (so origin/HEAD exists) on a new branch."""
    git(origin.parent, "clone", "-q", str(origin), str(folder))
    git(folder, "checkout", "-qb", branch)
    return folder


def edit(checkout: Path, name: str, old: str, new: str) -> None:
    path = checkout / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def plant(checkout: Path, name: str, text: str) -> None:
    path = checkout / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def command_env(checkout: Path) -> dict[str, str]:
    """This interpreter's `aicmo` on PATH, importing the checkout's code."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AICMO_", "PYTEST_"))}
    env["PYTHONPATH"] = str(checkout)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def run_shell(checkout: Path, command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, shell=True, cwd=checkout, env=command_env(checkout),
                          capture_output=True, text=True, timeout=600)


def run_aicmo(checkout: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(Path(sys.executable).parent / "aicmo"), *args], cwd=checkout,
                          env=command_env(checkout), capture_output=True, text=True, timeout=600)
