"""Literal dynamic imports: found in source, cached by file stamp, rescanned when a file changes."""
from __future__ import annotations

import os

from aicmo.strangler.boundaries.dynamic import DynamicImport, find_dynamic_imports, find_in_source


def test_only_literal_names_in_import_calls_are_imports():
    """A literal import_module/__import__ counts; a variable or an unrelated call does not."""
    source = (
        "import importlib\nfrom importlib import import_module as load\n"
        "importlib.import_module('a.b')\nload('c')\n__import__('d.e')\n"
        "name = 'f'\nimportlib.import_module(name)\nother.import_module('g')\n"
    )
    assert [("a.b", 3), ("c", 4), ("d.e", 5)] == sorted((f.imported, f.line) for f in find_in_source(source, "pkg.m"))


def test_the_cache_skips_unchanged_files_and_rescans_changed_ones(tmp_path):
    """A second run reuses the cache; an edited file is read again."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg/__init__.py").write_text("")
    module = tmp_path / "pkg/m.py"
    module.write_text("__import__('pkg.x')\n")
    cache = tmp_path / "cache/dyn.json"
    assert [DynamicImport("pkg.m", "pkg.x", 1)] == find_dynamic_imports(tmp_path, ("pkg",), cache)
    assert cache.is_file() and str(tmp_path) not in cache.read_text()
    module.write_text("\n__import__('pkg.y')\n")
    os.utime(module, ns=(1, 1))  # a different stamp even within the clock's resolution
    assert [DynamicImport("pkg.m", "pkg.y", 2)] == find_dynamic_imports(tmp_path, ("pkg",), cache)
