"""The files changed against the merge base, for `--changed` (committed, staged, unstaged, untracked).

The base is found without being told: an explicit `--base`, else the first of `origin/HEAD`,
`origin/main`, `main` that names a commit. CI checkouts are often shallow, so the merge base may
not be in the local history: the history is then deepened from the remote, and when that cannot
be done the error says how to fetch it.
"""
from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Optional

BASE_CANDIDATES = ("origin/HEAD", "origin/main", "main")
# how far a shallow checkout is deepened before the whole history is fetched
DEEPEN_STEPS = (50, 500)
FETCH_HINT = (
    "fetch the history (`git fetch --unshallow`, or `fetch-depth: 0` with actions/checkout) "
    "or name a base that is present with --base REF"
)


class ChangedFilesError(RuntimeError):
    """git could not name the changed files (no repository, unknown base, history not fetched)."""


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise ChangedFilesError(f"git {' '.join(args)}: {exc}") from None


def _git(root: Path, *args: str) -> str:
    done = _run(root, *args)
    if done.returncode != 0:
        raise ChangedFilesError(f"git {' '.join(args)}: {(done.stderr or done.stdout).strip()}")
    return done.stdout


def _names_a_commit(root: Path, ref: str) -> bool:
    return _run(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode == 0


def resolve_base(root: Path, base: Optional[str] = None) -> str:
    """The ref `--changed` compares with: `base` when given (it must exist), else the first candidate."""
    if _run(root, "rev-parse", "--git-dir").returncode != 0:
        raise ChangedFilesError(f"--changed needs a git repository; {root} is not in one")
    if base:
        if not _names_a_commit(root, base):
            raise ChangedFilesError(f"unknown base {base!r}: no such branch, tag or commit here; {FETCH_HINT}")
        return base
    for candidate in BASE_CANDIDATES:
        if _names_a_commit(root, candidate):
            return candidate
    raise ChangedFilesError(f"no base to compare with: none of {', '.join(BASE_CANDIDATES)} exists; {FETCH_HINT}")


def _is_shallow(root: Path) -> bool:
    return _run(root, "rev-parse", "--is-shallow-repository").stdout.strip() == "true"


def _remote_for(root: Path, base: str) -> Optional[str]:
    """The remote a shallow history is deepened from: the base's own (origin/main -> origin), else origin."""
    remotes = _run(root, "remote").stdout.split()
    owner = base.split("/", 1)[0]
    if "/" in base and owner in remotes:
        return owner
    if "origin" in remotes:
        return "origin"
    return remotes[0] if len(remotes) == 1 else None


def _merge_base(root: Path, base: str) -> Optional[str]:
    done = _run(root, "merge-base", "HEAD", base)
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


def _deepened_merge_base(root: Path, base: str) -> Optional[str]:
    """Fetch more history of a shallow checkout until the merge base appears (None when it cannot)."""
    remote = _remote_for(root, base)
    if remote is None:
        return None
    fetches = [("fetch", "--quiet", f"--deepen={depth}", remote) for depth in DEEPEN_STEPS]
    fetches.append(("fetch", "--quiet", "--unshallow", remote))
    for fetch in fetches:
        if _run(root, *fetch).returncode != 0:
            return None
        found = _merge_base(root, base)
        if found or not _is_shallow(root):
            return found
    return None


def merge_base(root: Path, base: str) -> str:
    found = _merge_base(root, base)
    if found:
        return found
    if _is_shallow(root):
        found = _deepened_merge_base(root, base)
        if found:
            return found
        raise ChangedFilesError(
            f"the checkout is shallow and the merge base of HEAD and {base} is not in it "
            f"(deepening from the remote did not find it); {FETCH_HINT}"
        )
    raise ChangedFilesError(f"HEAD and {base} have no common history; name another base with --base REF")


def changed_files(root: Path, base: Optional[str] = None) -> set[str]:
    """Repository-relative paths changed since the merge base with `base` (found when None)."""
    start = merge_base(root, resolve_base(root, base))
    top = Path(_git(root, "rev-parse", "--show-toplevel").strip()).resolve()
    # --no-renames: a moved file counts as deleted where it was and added where it is
    names = _git(top, "diff", "--name-only", "--no-renames", start).splitlines()
    names += _git(top, "ls-files", "--others", "--exclude-standard").splitlines()
    return _relative_to(root.resolve(), top, (n.strip() for n in names if n.strip()))


def _relative_to(root: Path, top: Path, names) -> set[str]:
    """git names paths from the repository's top; the checks name them from the project root."""
    if root == top:
        return set(names)
    prefix = root.relative_to(top).as_posix() + "/"
    return {n[len(prefix):] for n in names if n.startswith(prefix)}
