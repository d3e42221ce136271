"""The boundaries check's cache (.aicmo_cache/) with planted faults: edits after a warm run,
a damaged or forged cache, a configuration or tool change, files added and removed, and the
same findings with and without the cache over generated edit sequences.
"""
from __future__ import annotations

import importlib
import marshal
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from aicmo.cli_support.boundaries_cmd import app
from aicmo.strangler.boundaries import analyse, cache_file, imports, load_config
from tests.architecture.boundaries_tree import FIXTURE, copy_tree, plant

check = importlib.import_module("aicmo.strangler.boundaries.check")  # the module, not its check()
runner = CliRunner()
CROSS_IMPORT = "from shop.alpha.internal.core import make\n"
FILES = ".aicmo_cache/boundaries-files.marshal"
RESULT = ".aicmo_cache/boundaries-result.marshal"
LONG_AGO = 1_600_000_000  # seconds: a stamp older than the racy window, so it is trusted


@pytest.fixture
def tree(tmp_path):
    return copy_tree(tmp_path)


def invoke(tree, *args):
    return runner.invoke(app, ["check", *args, "--root", str(tree)])


def passes_clean(result) -> bool:
    """The fixture's verdict: it passes with its two baselined findings as warnings."""
    return result.exit_code == 0 and result.output.count("warning (baselined)") == 2


def age(tree: Path, seconds: int = LONG_AGO) -> None:
    """Give every source file an old stamp, as files not edited for a while have."""
    for path in tree.rglob("*.py"):
        os.utime(path, (seconds, seconds))


def files_payload(tree: Path):
    return cache_file.read(tree / FILES, imports.cache_header(load_config(tree)))


def test_a_forbidden_import_added_after_a_warm_run_is_found_and_its_removal_passes(tree):
    age(tree)
    assert passes_clean(invoke(tree))
    assert passes_clean(invoke(tree))  # warm: both caches present
    path = tree / "shop/beta/internal/service.py"
    clean = path.read_text()
    path.write_text(clean + CROSS_IMPORT)
    result = invoke(tree)
    assert 1 == result.exit_code
    assert "[api-only] shop.beta.internal.service imports shop.alpha.internal.core" in result.output
    path.write_text(clean)
    assert passes_clean(invoke(tree))


def test_a_same_size_edit_with_its_mtime_forced_back_is_found_on_a_just_saved_file(tree):
    """A file saved moments before the run, edited again keeping its size and mtime: its content is compared."""
    path = tree / "shop/beta/internal/service.py"
    path.write_text(path.read_text())  # just saved (copytree kept the fixture's old mtimes)
    assert passes_clean(invoke(tree))
    stamp = path.stat()
    text = path.read_text()
    path.write_text(text.replace("from shop.alpha.api import make", "from shop.gamma.api import make"))
    assert path.stat().st_size == stamp.st_size
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    result = invoke(tree)
    assert 1 == result.exit_code and "[undeclared-dependency]" in result.output


def test_a_same_size_edit_with_an_old_mtime_forced_back_is_seen_by_the_cached_run(tree):
    """The cache is keyed by content, not by stat stamps: an edit that keeps the file's size
    and its old mtime still gives the new answer, with the cache as without it."""
    age(tree)
    path = tree / "shop/beta/internal/service.py"
    assert passes_clean(invoke(tree))
    assert passes_clean(invoke(tree))  # warm
    before = path.stat()
    path.write_text(path.read_text().replace("from shop.alpha.api import make", "from shop.gamma.api import make"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    result = invoke(tree)
    assert 1 == result.exit_code and "[undeclared-dependency] shop.beta.internal.service imports shop.gamma.api.make" in result.output
    assert 1 == invoke(tree, "--no-cache").exit_code


def test_a_cache_of_another_package_version_or_schema_is_ignored(tree, monkeypatch):
    """The header names the package version and the cache schema: either changing discards it."""
    age(tree)
    assert passes_clean(invoke(tree))
    header = imports.cache_header(load_config(tree))
    monkeypatch.setattr(imports, "_package_version", lambda: "0.0.0-other")
    imports._tool_version.cache_clear()
    assert imports.cache_header(load_config(tree)) != header
    monkeypatch.undo()
    imports._tool_version.cache_clear()
    monkeypatch.setattr(imports, "FORMAT", imports.FORMAT + 1)
    assert imports.cache_header(load_config(tree)) != header
    monkeypatch.undo()
    imports._tool_version.cache_clear()
    assert imports.cache_header(load_config(tree)) == header


@pytest.mark.parametrize("cache", [FILES, RESULT])
@pytest.mark.parametrize("damage", ["truncated", "flipped", "garbage", "empty"])
def test_a_damaged_cache_file_is_ignored_and_rebuilt(tree, cache, damage):
    age(tree)
    assert passes_clean(invoke(tree))
    path = tree / cache
    data = path.read_bytes()
    damaged = {
        "truncated": data[: len(data) // 2],
        "flipped": data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:],
        "garbage": b"\x00not a cache\xff" * 40,
        "empty": b"",
    }[damage]
    path.write_bytes(damaged)
    assert passes_clean(invoke(tree))
    assert path.read_bytes() != damaged and files_payload(tree) is not None  # rewritten whole


def _forge_files_cache(tree: Path, header) -> None:
    """The files cache with every direct import dropped, written under the given header."""
    modules, stamps, blob = files_payload(tree)
    forged = {path: ((), *rest) for path, (_, *rest) in marshal.loads(blob).items()}
    cache_file.write(tree / FILES, header, (modules, stamps, marshal.dumps(forged)))
    (tree / RESULT).unlink(missing_ok=True)


def test_a_forged_files_cache_is_believed_only_under_the_readers_header(tree):
    """The same forgery is used under this version's header (the cache is really read) and
    ignored under another tool version's."""
    age(tree)
    assert passes_clean(invoke(tree))
    header = imports.cache_header(load_config(tree))
    _forge_files_cache(tree, header)
    assert 1 == invoke(tree).exit_code  # no imports left: both baseline entries look stale
    assert passes_clean(invoke(tree, "--no-cache"))

    _forge_files_cache(tree, header)
    cache_file.write(tree / FILES, ("another tool version", *header[1:]), cache_file.read(tree / FILES, header))
    assert passes_clean(invoke(tree))


@pytest.mark.parametrize("fault", ["a file missing from the imports", "imports that do not decode"])
def test_a_cache_whose_imports_do_not_match_its_index_is_rebuilt(tree, fault):
    """Sound checksum, unsound content (a writer's bug): the check reads every file instead."""
    age(tree)
    assert passes_clean(invoke(tree))
    header = imports.cache_header(load_config(tree))
    modules, stamps, blob = files_payload(tree)
    found = marshal.loads(blob)
    found.pop("oldshop/services/alpha_svc.py")
    forged = marshal.dumps(found) if fault == "a file missing from the imports" else b"\xff not marshal"
    cache_file.write(tree / FILES, header, (modules, stamps, forged))
    (tree / RESULT).unlink()
    assert passes_clean(invoke(tree))  # the index alone matches the tree: the imports are needed
    plant(tree, "shop/beta/internal/extra.py", CROSS_IMPORT)
    cache_file.write(tree / FILES, header, (modules, stamps, forged))
    result = invoke(tree)  # a changed tree: the old imports are merged with the new
    assert 1 == result.exit_code and result.exception is None or isinstance(result.exception, SystemExit)
    assert "[api-only] shop.beta.internal.extra imports shop.alpha.internal.core" in result.output
    assert 2 == result.output.count("warning (baselined)")
    assert files_payload(tree) is not None


def test_a_cache_from_another_tool_version_is_ignored(tree, monkeypatch):
    age(tree)
    monkeypatch.setattr(imports, "_tool_version", lambda: ("another tool version",))
    assert passes_clean(invoke(tree))
    forged_header = imports.cache_header(load_config(tree))
    fingerprint = imports.read_imports(load_config(tree)).fingerprint
    cache_file.write(tree / RESULT, fingerprint, check._to_payload(check.Analysis((), {})))
    assert 1 == invoke(tree).exit_code  # believed under that version
    monkeypatch.undo()
    assert imports.cache_header(load_config(tree)) != forged_header
    assert passes_clean(invoke(tree))


def test_a_forged_result_is_used_only_while_every_file_and_the_configuration_are_unchanged(tree):
    age(tree)
    assert passes_clean(invoke(tree))
    config = load_config(tree)
    fingerprint = imports.read_imports(config).fingerprint
    cache_file.write(tree / RESULT, fingerprint, check._to_payload(check.Analysis((), {})))
    assert 1 == invoke(tree).exit_code  # believed: the tree is unchanged
    plant(tree, "shop/gamma/api/__init__.py", (tree / "shop/gamma/api/__init__.py").read_text() + "# edited\n")
    assert passes_clean(invoke(tree))


def test_a_configuration_change_invalidates_both_caches(tree):
    age(tree)
    assert passes_clean(invoke(tree))
    old_header = imports.cache_header(load_config(tree))
    plant(tree, "shop/beta/internal/extra.py", "from shop.gamma.api import TAX\n")
    assert 1 == invoke(tree).exit_code
    pyproject = tree / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('beta = ["alpha"]', 'beta = ["alpha", "gamma"]'))
    assert passes_clean(invoke(tree))
    assert cache_file.read(tree / FILES, old_header) is None and files_payload(tree) is not None
    pyproject.write_text(pyproject.read_text().replace('beta = ["alpha", "gamma"]', 'beta = ["alpha"]'))
    assert 1 == invoke(tree).exit_code


def test_added_and_deleted_files(tree):
    age(tree)
    assert passes_clean(invoke(tree))
    plant(tree, "shop/beta/internal/extra.py", CROSS_IMPORT)
    assert 1 == invoke(tree).exit_code
    (tree / "shop/beta/internal/extra.py").unlink()
    assert passes_clean(invoke(tree))
    legacy = tree / "oldshop/services/alpha_svc.py"
    legacy.unlink()
    result = invoke(tree)
    assert 1 == result.exit_code and "stale" in result.output


def test_a_module_added_later_changes_how_an_unchanged_file_resolves(tree):
    """An import of a missing module makes no edge; once the module exists, the same unchanged
    (and trusted) file imports it."""
    plant(tree, "shop/beta/internal/extra.py", "import shop.gamma.lib.deep\n")
    age(tree)
    assert passes_clean(invoke(tree))
    plant(tree, "shop/gamma/lib/__init__.py", "")
    plant(tree, "shop/gamma/lib/deep.py", "VALUE = 1\n")
    result = invoke(tree)
    assert 1 == result.exit_code
    assert "shop.beta.internal.extra imports shop.gamma.lib.deep" in result.output
    shutil.rmtree(tree / "shop/gamma/lib")
    assert passes_clean(invoke(tree))


def test_no_cache_writes_no_cache(tree):
    assert passes_clean(invoke(tree, "--no-cache"))
    assert not (tree / ".aicmo_cache").exists()


def test_the_findings_are_reused_without_reading_the_imports_again(tree, monkeypatch):
    """Warm and unchanged: no file is scanned and the rules are not judged again."""
    age(tree)
    assert passes_clean(invoke(tree))
    scanned: list[str] = []
    monkeypatch.setattr(imports, "scan", lambda root, packages, modules, wanted: scanned.extend(wanted) or {})
    monkeypatch.setattr(check, "_analyse", lambda config, table: pytest.fail("the rules were judged again"))
    assert passes_clean(invoke(tree))
    assert [] == scanned


# Edit sequences over the fixture tree: the cached check must give what a fresh one gives.
MODULES = ["shop.alpha.api", "shop.alpha.internal.core", "shop.beta.api", "shop.gamma.api", "shop.domain",
           "oldshop.db", "oldshop.services.gamma_svc", "shopacl.alpha.adapter", "shop.gamma.extra",
           "shop.gamma.missing.deep", "shop.beta.internal.new", "shop.gamma.sub", "shop.gamma.sub.make"]
FILES_TO_EDIT = ["shop/beta/internal/service.py", "shop/gamma/sub/make.py", "shop/alpha/internal/core.py", "shop/gamma/api/__init__.py",
                 "oldshop/services/beta_svc.py", "shop/gamma/extra.py", "shop/beta/internal/new.py",
                 "shop/gamma/sub/__init__.py",  # a new package
                 "shop/gamma/loose/mod.py",  # a folder without __init__.py: outside the graph
                 "shop/not-a-name/mod.py"]  # a folder name no import can spell
operation = st.one_of(
    st.tuples(st.just("import"), st.sampled_from(FILES_TO_EDIT), st.sampled_from(MODULES)),
    st.tuples(st.just("dynamic"), st.sampled_from(FILES_TO_EDIT), st.sampled_from(MODULES)),
    st.tuples(st.just("delete"), st.sampled_from(FILES_TO_EDIT), st.just("")),
    st.tuples(st.just("same-size"), st.sampled_from(FILES_TO_EDIT), st.just("")),
    st.tuples(st.just("touch"), st.sampled_from(FILES_TO_EDIT), st.just("")),
)


def _apply(root: Path, step: int, kind: str, relative: str, module: str) -> None:
    path = root / relative
    if kind == "delete":
        path.unlink(missing_ok=True)
        return
    text = path.read_text() if path.exists() else ""
    if kind == "import":
        text += f"import {module}\n"
    elif kind == "dynamic":
        text += f"__import__({module!r})\n"
    elif kind == "same-size":
        text = text.replace("import ", "import\t", 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    # alternately a trusted old stamp (distinct per step) and a fresh, racily clean one
    if step % 2:
        os.utime(path, (LONG_AGO + step, LONG_AGO + step))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operation, min_size=1, max_size=6))
@example([("import", "shop/beta/internal/service.py", "shop.gamma.sub.make"), ("touch", "shop/gamma/sub/__init__.py", ""),
          ("touch", "shop/gamma/sub/make.py", ""), ("delete", "shop/gamma/sub/make.py", "")])
def test_cached_and_uncached_findings_agree_over_edit_sequences(operations):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "tree"
        shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("__pycache__", ".aicmo_cache", ".grimp_cache"))
        age(root)
        config = load_config(root)
        assert analyse(config, use_cache=False) == analyse(config)
        for step, (kind, relative, module) in enumerate(operations, start=1):
            _apply(root, step, kind, relative, module)
            assert analyse(config, use_cache=False) == analyse(config), (step, kind, relative, module)


def test_a_result_of_another_shape_under_the_right_fingerprint_is_judged_again(tree):
    age(tree)
    assert passes_clean(invoke(tree))
    fingerprint = imports.read_imports(load_config(tree)).fingerprint
    cache_file.write(tree / RESULT, fingerprint, ((("only", "two"),), ()))
    assert passes_clean(invoke(tree))


def test_a_file_that_stops_parsing_after_a_warm_run_exits_2_until_it_is_fixed(tree):
    age(tree)
    assert passes_clean(invoke(tree))
    path = tree / "shop/beta/internal/service.py"
    clean = path.read_text()
    path.write_text(clean + "def broken(:\n")
    result = invoke(tree)
    assert 2 == result.exit_code and "cannot build the import graph" in result.output
    assert 2 == invoke(tree).exit_code  # nothing about the broken file was cached
    path.write_text(clean)
    assert passes_clean(invoke(tree))


def test_without_grimps_scanner_the_documented_graph_gives_the_same_findings(tree, monkeypatch):
    """The fallback for a grimp whose scanner cannot be called: grimp.build_graph."""
    scanner = importlib.import_module("aicmo.strangler.boundaries.scanner")
    plant(tree, "shop/beta/internal/extra.py", "import os\nfrom shop.alpha.internal import core\nfrom . import service\n")
    expected = analyse(load_config(tree), use_cache=False)

    def unavailable(*args):
        raise ImportError("no scanner")

    monkeypatch.setattr(scanner, "_scan_with_grimp_scanner", unavailable)
    assert expected == analyse(load_config(tree), use_cache=False)
    assert expected.findings


def test_a_cache_folder_that_cannot_be_written_leaves_the_check_uncached_not_failed(tree):
    (tree / ".aicmo_cache").write_text("a file where the folder would be")
    assert passes_clean(invoke(tree))
    plant(tree, "shop/beta/internal/extra.py", CROSS_IMPORT)
    assert 1 == invoke(tree).exit_code
