"""The boundaries check on a Django-shaped project (fixtures/django_shop): each app names its
public part, a shared kernel every app may use, an app's GraphQL layer living outside the app's
package, tests and migrations never scanned, files the running Python cannot parse reported.
"""
from __future__ import annotations

import sys

import pytest
from typer.testing import CliRunner

from aicmo.cli_support.boundaries_cmd import app
from aicmo.strangler.boundaries import analyse, load_config
from aicmo.strangler.ratchet import Baseline, compare
from tests.architecture.boundaries_tree import DJANGO_SHOP, boundaries_verdict, copy_tree, new_rules, plant

runner = CliRunner()


@pytest.fixture
def shop(tmp_path):
    """A fresh copy of the Django-shaped tree, passing against its one baselined finding."""
    root = copy_tree(tmp_path, DJANGO_SHOP)
    verdict = boundaries_verdict(root)
    assert verdict.passed and ["legacy-imports-new"] == [f.rule for f in verdict.baselined]
    return root


def configure(root, old: str, new: str) -> None:
    path = root / "pyproject.toml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_a_module_imports_only_the_modules_and_names_another_declares_public(shop):
    """catalog's public part is its services module and one model; payments lists none, so its
    api sub-package is public (the default)."""
    plant(shop, "shop/checkout/pricing.py", "from shop.catalog.models import Product\nfrom shop.catalog import services\n")
    assert boundaries_verdict(shop).passed
    plant(shop, "shop/checkout/pricing.py", "from shop.catalog.models import Category\nimport shop.catalog.models\n")
    verdict = boundaries_verdict(shop)
    assert ["api-only:shop.checkout.pricing->shop.catalog.models",
            "api-only:shop.checkout.pricing->shop.catalog.models.Category"] == sorted(f.key for f in verdict.new)
    assert verdict.new[0].alternative.startswith(
        "import from shop.catalog.services, shop.catalog.models.Product, shop.graphql.catalog.schema.ProductType")
    plant(shop, "shop/checkout/pricing.py", "from shop.payments.gateway import refund\n")
    verdict = boundaries_verdict(shop)
    assert ["api-only"] == new_rules(verdict)
    assert "import from shop.payments.api (exports: charge)" == verdict.new[0].alternative


def test_the_shared_kernel_is_open_to_every_module_and_depends_on_none(shop):
    """Apps and the frozen old code use shop.common freely; the kernel importing an app fails."""
    plant(shop, "shop/common/orders.py", "from shop.checkout.services import place_order\n")
    verdict = boundaries_verdict(shop)
    assert ["kernel-imports-module"] == new_rules(verdict)
    assert "shop/common/orders.py" == verdict.new[0].file


def test_without_the_kernel_the_same_package_is_new_code_or_legacy(shop):
    """Distinct from both: undeclared, the frozen old code may not import it; declared legacy,
    no app may."""
    configure(shop, 'shared_kernel = ["shop.common"]\n', "")
    assert ["legacy-imports-new"] == new_rules(boundaries_verdict(shop))
    configure(shop, 'legacy = ["shop.oldorders"]', 'legacy = ["shop.oldorders", "shop.common"]')
    rules = set(new_rules(boundaries_verdict(shop)))
    assert {"legacy-outside-acl"} == rules


def test_a_package_outside_the_app_belongs_to_the_app_the_module_map_names(shop):
    """shop.graphql.checkout is checkout's: it may use checkout's internals, and is judged as
    checkout when it reaches another app."""
    configure(shop, '"shop.graphql.checkout" = "checkout"\n', "")
    verdict = boundaries_verdict(shop)
    assert ["api-only:shop.graphql.checkout.schema->shop.checkout.models.Order"] == [f.key for f in verdict.new]

    configure(shop, "[tool.aicmo.boundaries.module_map]\n", '[tool.aicmo.boundaries.module_map]\n"shop.graphql.checkout" = "checkout"\n')
    plant(shop, "shop/graphql/checkout/extra.py", "from shop.catalog.models import Category\n")
    verdict = boundaries_verdict(shop)
    assert ["api-only:shop.graphql.checkout.extra->shop.catalog.models.Category"] == [f.key for f in verdict.new]


def test_the_longest_prefix_decides_which_module_a_package_belongs_to(shop):
    """A catalog package inside checkout's folder is catalog's when the module map says so."""
    plant(shop, "shop/checkout/catalog_views/__init__.py", "from shop.catalog.models import Category\n")
    assert ["api-only"] == new_rules(boundaries_verdict(shop))
    configure(shop, "[tool.aicmo.boundaries.module_map]\n",
              '[tool.aicmo.boundaries.module_map]\n"shop.checkout.catalog_views" = "catalog"\n')
    assert boundaries_verdict(shop).passed
    plant(shop, "shop/checkout/catalog_views/orders.py", "from shop.checkout.services import place_order\n")
    assert ["cycle", "undeclared-dependency"] == new_rules(boundaries_verdict(shop))


def test_a_module_map_naming_an_undeclared_module_is_a_configuration_error(shop):
    configure(shop, '"shop.graphql.catalog" = "catalog"', '"shop.graphql.catalog" = "inventory"')
    result = runner.invoke(app, ["check", "--root", str(shop)])
    assert 2 == result.exit_code
    assert "'inventory', which is not a declared module" in result.output


def test_excluded_tests_and_migrations_are_never_read(shop):
    """tests/ and every migrations/ folder import app internals, and may not even parse: unseen.
    Without the exclusion their imports are findings."""
    plant(shop, "tests/broken_case.py", "def (:\n")
    plant(shop, "shop/checkout/migrations/0002_broken.py", "def (:\n")
    assert boundaries_verdict(shop).passed
    (shop / "tests/broken_case.py").unlink()
    (shop / "shop/checkout/migrations/0002_broken.py").unlink()
    configure(shop, 'exclude = ["tests", "*/migrations"]', "exclude = []")
    verdict = boundaries_verdict(shop)
    assert {"shop/catalog/migrations/0001_initial.py", "shop/checkout/migrations/0001_initial.py",
            "tests/checkout_cases.py"} == {f.file for f in verdict.new}


def _newer_syntax() -> str:
    """A statement valid in a newer Python than this one, which grimp's parser reads."""
    if sys.version_info < (3, 12):
        return "type Price = int\n"  # PEP 695, Python 3.12
    if sys.version_info < (3, 14):
        return "try:\n    pass\nexcept ValueError, TypeError:\n    pass\n"  # PEP 758, Python 3.14
    pytest.skip("no syntax newer than this Python is known to the test")


def test_a_file_this_python_cannot_parse_is_a_finding_cached_or_not(shop):
    """Never silently skipped: exit 1 naming the file, on a cold and on a warm run; fixed, it passes."""
    plant(shop, "shop/catalog/aliases.py",
          "import importlib\nimportlib.import_module('shop.checkout.models')\n" + _newer_syntax())
    for _ in range(2):  # the second run reads the caches
        result = runner.invoke(app, ["check", "--root", str(shop)])
        assert 1 == result.exit_code
        assert "shop/catalog/aliases.py" in result.output and "[unreadable-file]" in result.output
    plant(shop, "shop/catalog/aliases.py", "Price = int\n")
    assert 0 == runner.invoke(app, ["check", "--root", str(shop)]).exit_code


def test_a_cycle_is_blamed_on_the_import_that_closes_it_in_the_changed_file(shop):
    """checkout uses catalog; catalog importing checkout closes a cycle. Found in two files, the
    cycle is reported at the first, or, scoped to a change, at the changed one."""
    plant(shop, "shop/catalog/alerts.py", "from shop.checkout.services import place_order\n")
    plant(shop, "shop/catalog/zz_reports.py", "\n\nfrom shop.checkout.services import place_order\n")
    config = load_config(shop)
    findings = analyse(config).findings
    cycle = next(f for f in findings if f.rule == "cycle")
    assert ("cycle:catalog->checkout", "shop/catalog/alerts.py", 1) == (cycle.key, cycle.file, cycle.line)
    scoped = compare(findings, Baseline.read(config.baseline_path, "boundaries"), {"shop/catalog/zz_reports.py"})
    blamed = next(f for f in scoped.new if f.rule == "cycle")
    assert ("shop/catalog/zz_reports.py", 3) == (blamed.file, blamed.line)
    assert not scoped.stale


def test_a_new_edge_joining_a_baselined_cycle_is_new_and_the_accepted_one_stays(shop):
    """The accepted cycle catalog -> checkout keeps its key when payments -> checkout joins it:
    the new edge is the new finding, in the file that adds it, and nothing is stale."""
    plant(shop, "shop/catalog/alerts.py", "from shop.checkout.services import place_order\n")
    config = load_config(shop)
    accepted = Baseline.read(config.baseline_path, "boundaries").accepting(analyse(config).findings, "accepted cycle")
    accepted.write(config.baseline_path)
    assert boundaries_verdict(shop).passed
    plant(shop, "shop/payments/hooks.py", "from shop.checkout.services import place_order\n")
    findings = analyse(config).findings
    for scope in (None, {"shop/payments/hooks.py"}):
        verdict = compare(findings, accepted, scope)
        assert ["cycle:payments->checkout", "undeclared-dependency:shop.payments.hooks->shop.checkout.services.place_order"] == sorted(
            f.key for f in verdict.new)
        assert {"shop/payments/hooks.py"} == {f.file for f in verdict.new}
        assert not verdict.stale


def test_an_accepted_finding_found_outside_the_change_is_not_stale(shop):
    """The accepted cycle's import moves from one file to another and only the emptied file is
    in the change: the cycle is still made (in the other file), so its entry is not stale; the
    emptied file's own import is truly gone, and only its entry is."""
    plant(shop, "shop/catalog/alerts.py", "from shop.checkout.services import place_order\n")
    config = load_config(shop)
    accepted = Baseline.read(config.baseline_path, "boundaries").accepting(analyse(config).findings, "accepted cycle")
    (shop / "shop/catalog/alerts.py").write_text("")
    plant(shop, "shop/catalog/notify.py", "from shop.checkout.services import place_order\n")
    findings = analyse(config).findings
    assert "shop/catalog/notify.py" == next(f for f in findings if f.key == "cycle:catalog->checkout").file
    verdict = compare(findings, accepted, {"shop/catalog/alerts.py"})
    assert ([], ["undeclared-dependency:shop.catalog.alerts->shop.checkout.services.place_order"]) == (
        [f.key for f in verdict.new], [e.key for e in verdict.stale])
    assert ["undeclared-dependency:shop.catalog.notify->shop.checkout.services.place_order"] == [
        f.key for f in compare(findings, accepted).new]  # another importer: a new finding of its own
