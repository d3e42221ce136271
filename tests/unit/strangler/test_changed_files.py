"""`--changed` on scratch git repositories: the base it finds, what it counts as changed, and a
shallow CI checkout deepened until the merge base appears (or a clear error when it cannot be)."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from aicmo.strangler.ratchet.changed import ChangedFilesError, changed_files, resolve_base


def git(where: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.email=t@t", "-c", "user.name=t", "-c", "init.defaultBranch=main",
         "-c", "protocol.file.allow=always", *args],
        cwd=where, check=True, capture_output=True, text=True,
    )
    return done.stdout.strip()


def commit(repo: Path, name: str, text: str = "x\n") -> None:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", f"add {name}")


@pytest.fixture
def repo(tmp_path):
    """main with one commit, then a branch `feature` checked out."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit(root, "base.txt")
    git(root, "checkout", "-qb", "feature")
    return root


def test_committed_staged_unstaged_and_untracked_changes_count(repo):
    commit(repo, "committed.py")
    commit(repo, "edited.py")
    (repo / "edited.py").write_text("changed\n")
    (repo / "staged.py").write_text("s\n")
    git(repo, "add", "staged.py")
    (repo / "untracked.py").write_text("u\n")
    assert {"committed.py", "edited.py", "staged.py", "untracked.py"} == changed_files(repo)


def test_a_rename_names_both_the_old_and_the_new_path(repo):
    git(repo, "mv", "base.txt", "moved.txt")
    assert {"base.txt", "moved.txt"} == changed_files(repo)


def test_the_base_is_main_when_there_is_no_remote(repo):
    assert "main" == resolve_base(repo)


def test_the_base_is_origin_head_in_a_clone(tmp_path, repo):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    assert "origin/HEAD" == resolve_base(clone)


def test_an_explicit_base_wins_and_must_exist(repo):
    commit(repo, "one.py")
    first = git(repo, "rev-parse", "HEAD")
    commit(repo, "two.py")
    assert {"two.py"} == changed_files(repo, first)
    with pytest.raises(ChangedFilesError, match="unknown base 'nope'.*--base REF"):
        changed_files(repo, "nope")


def test_no_base_at_all_says_what_was_tried(tmp_path):
    root = tmp_path / "lonely"
    root.mkdir()
    git(root, "init", "-q", "-b", "trunk")
    commit(root, "a.txt")
    with pytest.raises(ChangedFilesError, match="none of origin/HEAD, origin/main, main exists"):
        changed_files(root)


def test_outside_a_repository_is_an_error(tmp_path):
    with pytest.raises(ChangedFilesError, match="needs a git repository"):
        changed_files(tmp_path)


@pytest.fixture
def diverged_remote(tmp_path):
    """A bare repository where main and feature both moved on from their fork point."""
    work = tmp_path / "work"
    work.mkdir()
    git(work, "init", "-q", "-b", "main")
    commit(work, "shared.txt")
    git(work, "checkout", "-qb", "feature")
    commit(work, "feature/one.py")
    commit(work, "feature/two.py")
    git(work, "checkout", "-q", "main")
    commit(work, "main_only.txt")
    commit(work, "main_later.txt")
    bare = tmp_path / "remote.git"
    git(tmp_path, "clone", "-q", "--bare", str(work), str(bare))
    return bare


def shallow_clone(tmp_path: Path, bare: Path) -> Path:
    """What a CI checkout of the feature branch with depth 1 holds: no common history with main."""
    clone = tmp_path / "ci"
    git(tmp_path, "clone", "-q", "--depth", "1", "--no-single-branch", "--branch", "feature",
        bare.resolve().as_uri(), str(clone))
    assert "true" == git(clone, "rev-parse", "--is-shallow-repository")
    with pytest.raises(subprocess.CalledProcessError):
        git(clone, "merge-base", "HEAD", "origin/main")  # the fork point is not here yet
    return clone


def test_a_shallow_checkout_is_deepened_until_the_merge_base_appears(tmp_path, diverged_remote):
    clone = shallow_clone(tmp_path, diverged_remote)
    assert {"feature/one.py", "feature/two.py"} == changed_files(clone)


def test_a_shallow_checkout_whose_remote_is_gone_says_how_to_fetch_history(tmp_path, diverged_remote):
    clone = shallow_clone(tmp_path, diverged_remote)
    git(clone, "remote", "set-url", "origin", (tmp_path / "moved-away.git").as_uri())
    with pytest.raises(ChangedFilesError, match=r"shallow.*git fetch --unshallow.*fetch-depth: 0"):
        changed_files(clone)


def test_a_project_in_a_subfolder_names_paths_from_its_own_root(repo):
    commit(repo, "project/pkg/a.py")
    commit(repo, "elsewhere.py")
    assert {"pkg/a.py"} == changed_files(repo / "project")
