"""The boundaries check on a copy of a small fixture tree: each planted fault fails, harmless edits pass."""
from __future__ import annotations

import pytest

from tests.architecture.boundaries_tree import boundaries_verdict, copy_tree, new_rules, plant


@pytest.fixture
def tree(tmp_path):
    """A fresh copy of the fixture tree, passing against its baseline."""
    root = copy_tree(tmp_path)
    verdict = boundaries_verdict(root)
    assert verdict.passed and 2 == len(verdict.baselined)
    return root


def test_a_cross_module_internal_import_fails(tree):
    """beta importing alpha's internals instead of alpha's api is a new finding."""
    plant(tree, "shop/beta/internal/extra.py", "from shop.alpha.internal.core import make\n")
    verdict = boundaries_verdict(tree)
    assert ["api-only"] == new_rules(verdict)
    finding = verdict.new[0]
    assert ("shop/beta/internal/extra.py", 1) == (finding.file, finding.line)
    assert "import from shop.alpha.api (exports: make)" == finding.alternative


def test_an_undeclared_module_dependency_fails(tree):
    """beta may use only alpha, so importing gamma's api is a finding."""
    plant(tree, "shop/beta/internal/extra.py", "from shop.gamma.api import TAX\n")
    assert ["undeclared-dependency"] == new_rules(boundaries_verdict(tree))


def test_a_god_module_import_from_a_new_module_fails(tree):
    """New code importing the legacy god module is a finding."""
    plant(tree, "shop/beta/internal/extra.py", "from shop.domain import Thing\n")
    assert ["god-module"] == new_rules(boundaries_verdict(tree))


def test_a_legacy_import_outside_acl_fails(tree):
    """New code reaching legacy directly, not through the acl package, is a finding."""
    plant(tree, "shop/beta/internal/extra.py", "import oldshop.services.beta_svc\n")
    verdict = boundaries_verdict(tree)
    assert ["legacy-outside-acl"] == new_rules(verdict)
    assert "shopacl.beta" in verdict.new[0].alternative


def test_acl_and_the_composition_root_may_import_legacy(tree):
    """The adapters and the bootstrap module import legacy code without a finding."""
    plant(tree, "shopacl/beta/__init__.py", "from oldshop.services.beta_svc import helper\n")
    plant(tree, "shop/app/bootstrap.py", "from oldshop.services import beta_svc\nfrom shop.domain import Thing\n")
    assert boundaries_verdict(tree).passed


def test_legacy_importing_new_code_fails(tree):
    """Legacy code is frozen: it imports nothing new."""
    plant(tree, "oldshop/services/beta_svc.py", "from shop.alpha.api import make\n")
    assert ["legacy-imports-new"] == new_rules(boundaries_verdict(tree))


@pytest.mark.parametrize(
    "source",
    [
        'import importlib\nimportlib.import_module("shop.alpha.internal.core")\n',
        'import importlib as il\nil.import_module("shop.alpha.internal.core")\n',
        'import importlib.util\nimportlib.import_module("shop.alpha.internal.core")\n',
        'from importlib import import_module as load\nload("shop.alpha.internal.core")\n',
        '__import__("shop.alpha.internal.core")\n',
        'from importlib import import_module\nimport_module(".internal.core", "shop.alpha")\n',
    ],
    ids=["importlib", "aliased-module", "submodule-import", "aliased-function", "dunder-import", "relative"],
)
def test_a_literal_dynamic_import_fails(tree, source):
    """A literal dynamic import across a module line is judged like a static one."""
    plant(tree, "shop/beta/internal/extra.py", source)
    verdict = boundaries_verdict(tree)
    assert ["api-only"] == new_rules(verdict)
    assert "imports dynamically" in verdict.new[0].message


def test_a_computed_dynamic_import_and_a_string_constant_are_not_imports(tree):
    """Only a literal module name in an import call counts; other strings are data."""
    plant(tree, "shop/beta/internal/extra.py",
          'import importlib\nNAME = "shop.alpha.internal.core"\nimportlib.import_module(NAME + "")\n')
    assert boundaries_verdict(tree).passed


def test_a_cycle_fails(tree):
    """alpha importing beta while beta uses alpha is a cycle (and an undeclared dependency)."""
    plant(tree, "shop/alpha/internal/back.py", "from shop.beta.api import serve\n")
    verdict = boundaries_verdict(tree)
    assert ["cycle", "undeclared-dependency"] == new_rules(verdict)
    assert "cycle:alpha->beta" in {f.key for f in verdict.new}
    cycle = next(f for f in verdict.new if f.rule == "cycle")
    assert "shop/alpha/internal/back.py" == cycle.file  # the import that closes it, not beta's use of alpha


def test_blank_lines_above_a_baselined_import_still_pass(tree):
    """The baseline key has no line number: moving the import down changes nothing."""
    path = tree / "oldshop/services/alpha_svc.py"
    path.write_text("\n\n\n\n" + path.read_text())
    verdict = boundaries_verdict(tree)
    assert verdict.passed
    assert [7, 8] == sorted(f.line for f in verdict.baselined)


def test_a_reformatted_baselined_import_still_passes(tree):
    """Wrapping the import in parentheses over several lines, or aliasing it, keeps its key."""
    path = tree / "oldshop/services/alpha_svc.py"
    text = path.read_text().replace(
        "from oldshop.services.gamma_svc import helper",
        "from oldshop.services.gamma_svc import (\n    helper,\n)",
    ).replace("from shop.domain import Thing", "from shop.domain import Thing as Item\nThing = Item")
    path.write_text(text)
    assert boundaries_verdict(tree).passed


def test_a_second_import_along_a_baselined_edge_fails(tree):
    """The baseline accepts one imported name: another name from the same module, in the same
    file, is a new finding (and so is importing the module itself)."""
    path = tree / "oldshop/services/alpha_svc.py"
    path.write_text(path.read_text().replace(
        "from oldshop.services.gamma_svc import helper", "from oldshop.services.gamma_svc import helper, RATE"))
    verdict = boundaries_verdict(tree)
    assert ["undeclared-dependency:oldshop.services.alpha_svc->oldshop.services.gamma_svc.RATE"] == [f.key for f in verdict.new]
    assert not verdict.stale
    path.write_text(path.read_text().replace(", RATE", "") + "import shop.domain\n")
    assert ["god-module:oldshop.services.alpha_svc->shop.domain"] == [f.key for f in boundaries_verdict(tree).new]


def test_a_swapped_violation_fails(tree):
    """Replacing a baselined violation by another is a new finding and a stale entry."""
    path = tree / "oldshop/services/alpha_svc.py"
    path.write_text(path.read_text().replace("oldshop.services.gamma_svc", "oldshop.services.beta_svc"))
    verdict = boundaries_verdict(tree)
    assert "undeclared-dependency:oldshop.services.alpha_svc->oldshop.services.beta_svc.helper" in {f.key for f in verdict.new}
    assert ["undeclared-dependency:oldshop.services.alpha_svc->oldshop.services.gamma_svc.helper"] == [
        e.key for e in verdict.stale
    ]


def test_only_the_composition_root_imports_adapters_and_implementations(tree):
    """bootstrap may wire shopacl.alpha and alpha's internals; other code doing so is a finding."""
    wiring = "from shopacl.alpha import run\nfrom shop.alpha.internal.core import make\n"
    plant(tree, "shopacl/alpha/__init__.py", "from oldshop.services.alpha_svc import run\n")
    plant(tree, "shop/app/bootstrap.py", wiring)
    assert boundaries_verdict(tree).passed
    plant(tree, "shop/beta/internal/extra.py", wiring)
    assert ["api-only", "api-only"] == new_rules(boundaries_verdict(tree))


def test_an_allowed_legacy_importer_may_not_reach_internals(tree):
    """The test harness may import legacy, but another module's internals stay private."""
    plant(tree, "shop/app/harness.py", "from oldshop.services.beta_svc import helper\nfrom shop.domain import Thing\n")
    assert boundaries_verdict(tree).passed
    plant(tree, "shop/app/harness.py", "from shop.alpha.internal.core import make\n")
    assert ["api-only"] == new_rules(boundaries_verdict(tree))
