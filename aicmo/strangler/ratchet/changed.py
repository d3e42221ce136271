"""The files changed against the merge base, for `--changed` (committed, staged, unstaged, untracked)."""
from __future__ import annotations

import subprocess
from pathlib import Path


class ChangedFilesError(RuntimeError):
    """git could not name the changed files (no repository, unknown base)."""


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        raise ChangedFilesError(f"git {' '.join(args)}: {detail.strip()}") from None
    return done.stdout


def changed_files(root: Path, base: str) -> set[str]:
    merge_base = _git(root, "merge-base", "HEAD", base).strip()
    names = _git(root, "diff", "--name-only", merge_base).splitlines()
    names += _git(root, "ls-files", "--others", "--exclude-standard").splitlines()
    return {n.strip() for n in names if n.strip()}
