"""Literal dynamic imports: found in source; files without a marker are not parsed."""
from __future__ import annotations

from aicmo.strangler.boundaries.dynamic import dynamic_imports_in, find_in_source


def test_only_literal_names_in_import_calls_are_imports():
    """A literal import_module/__import__ counts; a variable or an unrelated call does not."""
    source = (
        "import importlib\nfrom importlib import import_module as load\n"
        "importlib.import_module('a.b')\nload('c')\n__import__('d.e')\n"
        "name = 'f'\nimportlib.import_module(name)\nother.import_module('g')\n"
    )
    assert [("a.b", 3), ("c", 4), ("d.e", 5)] == sorted((f.imported, f.line) for f in find_in_source(source, "pkg.m"))


def test_bytes_without_a_marker_or_that_do_not_parse_have_none():
    """The pre-filter skips files that never name import_module/__import__; broken files give none."""
    assert () == dynamic_imports_in(b"import os\nx = 1\n", "pkg.m")
    assert () == dynamic_imports_in(b"__import__('pkg.x'\n", "pkg.m")
    assert (("pkg.x", 2),) == dynamic_imports_in(b"\n__import__('pkg.x')\n", "pkg.m")


TRICKY = [
    "import importlib\nimportlib.import_module(  # why\n    'a.b')\n",
    "import importlib\nimportlib.import_module((\n'a.b'))\n",
    "import importlib\nimportlib.import_module(\\\n r'a.b')\n",
    "from importlib import (\n    import_module as load,\n)\nload(u'a.b')\n",
    "__import__ (\"a.b\")\n",
    "import importlib as il\nil.import_module('a.b', 'pkg')\n",
]
NOT_IMPORTS = [
    "import importlib\nimportlib.import_module(name)\n",
    "import importlib\nimportlib.import_module(f'a.{b}')\n",
    "__import__(b'a.b')\n",
    "# __import__('a.b') in a comment\nx = 1\n",
]


def test_the_pre_filter_keeps_every_file_the_parser_finds_an_import_in():
    """Comments, parentheses, continuations, prefixes and aliases between the marker and the
    literal: the cheap test lets each through, and only those whose name is no literal are skipped."""
    for source in TRICKY:
        found = tuple((f.imported, f.line) for f in find_in_source(source, "pkg.m"))
        assert found and found == dynamic_imports_in(source.encode(), "pkg.m"), source
    for source in NOT_IMPORTS:
        assert () == tuple(find_in_source(source, "pkg.m")) == dynamic_imports_in(source.encode(), "pkg.m")
