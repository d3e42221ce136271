"""Where a command will write is checked before it runs: what can be written passes and nothing is made;
what cannot (a folder where a file goes, a file where a folder goes or in the way of one) is bad input."""
from __future__ import annotations

import pytest

from aicmo.cli_support.input_error import InputError
from aicmo.cli_support.output_path import check_writable_file, check_writable_folder


@pytest.fixture
def folder(tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("x\n")
    (tmp_path / "a-folder").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _tree(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize("target", [None, "-", "result.json", "a-file", "a-folder/result.json", "new/deeper/result.json"])
def test_a_file_that_can_be_written_passes_and_nothing_is_made(folder, target):
    before = _tree(folder)
    check_writable_file("--json", target if target in (None, "-") else folder / target)
    assert before == _tree(folder)


@pytest.mark.parametrize(("target", "said"), [
    ("a-folder", "a-folder is a folder, not a file"),
    ("a-file/result.json", "a-file is not a folder"),
    ("a-file/deeper/result.json", "a-file is not a folder"),
])
def test_a_file_that_cannot_be_written_is_bad_input(folder, target, said):
    with pytest.raises(InputError, match="^--json: ") as refused:
        check_writable_file("--json", folder / target)
    assert said in str(refused.value)


@pytest.mark.parametrize("target", ["out", "a-folder", "a-folder/new/out"])
def test_a_folder_that_can_be_made_or_used_passes_and_nothing_is_made(folder, target):
    before = _tree(folder)
    check_writable_folder("--out-dir", folder / target)
    assert before == _tree(folder)


@pytest.mark.parametrize(("target", "said"), [
    ("a-file", "a-file is a file, not a folder"),
    ("a-file/out", "a-file is not a folder"),
])
def test_a_folder_that_cannot_be_made_is_bad_input(folder, target, said):
    with pytest.raises(InputError, match="^--out-dir: ") as refused:
        check_writable_folder("--out-dir", folder / target)
    assert said in str(refused.value)
