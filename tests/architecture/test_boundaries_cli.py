"""`aicmo boundaries` on the fixture tree: exit codes, baseline maintenance, formats, --changed, graph."""
from __future__ import annotations

import json
import subprocess

import pytest
from typer.testing import CliRunner

from aicmo.cli_support.boundaries_cmd import app
from tests.architecture.boundaries_tree import copy_tree, plant

runner = CliRunner()
CROSS_IMPORT = "from shop.alpha.internal.core import make\n"


@pytest.fixture
def tree(tmp_path):
    """A fresh copy of the fixture tree."""
    return copy_tree(tmp_path)


def invoke(tree, *args):
    return runner.invoke(app, [*args, "--root", str(tree)])


def test_check_exits_0_with_baselined_findings_as_warnings(tree):
    """The clean fixture passes; its legacy findings print as warnings."""
    result = invoke(tree, "check")
    assert 0 == result.exit_code, result.output
    assert 2 == result.output.count("warning (baselined)")
    assert (tree / ".aicmo_cache" / "boundaries-files.marshal").is_file()  # the next run is warm


def test_check_exits_1_on_a_new_finding(tree):
    """A new finding fails with its rule, file:line, imported module and alternative."""
    plant(tree, "shop/beta/internal/extra.py", CROSS_IMPORT)
    result = invoke(tree, "check")
    assert 1 == result.exit_code
    assert ("error: shop/beta/internal/extra.py:1: [api-only] shop.beta.internal.extra imports "
            "shop.alpha.internal.core.make -> import from shop.alpha.api (exports: make)") in result.output


def test_prune_only_deletes_and_accept_new_needs_a_reason(tree):
    """--prune removes the stale entry but not the new finding; --accept-new needs --reason."""
    path = tree / "oldshop/services/alpha_svc.py"
    path.write_text(path.read_text().replace("from shop.domain import Thing", "Thing = None"))
    plant(tree, "shop/beta/internal/extra.py", CROSS_IMPORT)
    assert 1 == invoke(tree, "check").exit_code
    assert 1 == invoke(tree, "baseline", "--prune").exit_code  # pruned, but the new finding stays out
    entries = json.loads((tree / "boundaries-baseline.json").read_text())["entries"]
    assert ["undeclared-dependency:oldshop.services.alpha_svc->oldshop.services.gamma_svc.helper"] == [e["key"] for e in entries]
    assert 2 == invoke(tree, "baseline", "--accept-new").exit_code
    assert 0 == invoke(tree, "baseline", "--accept-new", "--reason", "migrating beta next").exit_code
    assert 0 == invoke(tree, "check").exit_code


@pytest.mark.parametrize("output_format", ["json", "sarif", "github"])
def test_formats(tree, output_format):
    """Each machine format carries the new finding."""
    plant(tree, "shop/beta/internal/extra.py", CROSS_IMPORT)
    result = invoke(tree, "check", "--format", output_format)
    assert 1 == result.exit_code
    assert "shop/beta/internal/extra.py" in result.output
    if output_format != "github":
        json.loads(result.output)


def test_changed_checks_only_files_changed_against_the_merge_base(tree):
    """A committed violation is out of scope; the uncommitted one is reported."""
    def git(*args):
        subprocess.run(["git", "-c", "user.email=t@t", "-c", "user.name=t", *args], cwd=tree, check=True, capture_output=True)

    plant(tree, "shop/beta/internal/old.py", CROSS_IMPORT)
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "base")
    plant(tree, "shop/beta/internal/extra.py", "from shop.domain import Thing\n")
    result = invoke(tree, "check", "--changed")
    assert 1 == result.exit_code
    assert "extra.py" in result.output and "old.py" not in result.output
    assert "0 baselined" in result.output


def test_graph_draws_baselined_edges_dashed(tree):
    """Mermaid output: allowed edges solid, baselined dashed, new violations thick."""
    plant(tree, "shop/beta/internal/extra.py", "from shop.gamma.api import TAX\n")
    result = invoke(tree, "graph")
    assert 0 == result.exit_code
    assert result.output.startswith("graph LR\n")
    assert "    beta --> alpha\n" in result.output
    assert "    alpha -.->|1| gamma\n" in result.output
    assert "    beta ==>|1| gamma\n" in result.output


def test_a_declared_cycle_is_a_configuration_error(tree):
    """A cycle in [tool.aicmo.modules] exits 2 naming it."""
    path = tree / "pyproject.toml"
    path.write_text(path.read_text().replace('alpha = []', 'alpha = ["beta"]'))
    result = invoke(tree, "check")
    assert 2 == result.exit_code
    assert "tool.aicmo.modules: declared module dependencies form a cycle: alpha -> beta -> alpha" in result.output


@pytest.mark.parametrize("key, value, moved_to", [
    ("modules", "{ alpha = [] }", "modules"),
    ("modules_from", '"module_map:MAP"', "modules"),
    ("legacy", '["oldshop"]', "legacy"),
])
def test_a_module_list_or_legacy_roots_under_boundaries_are_refused(tree, key, value, moved_to):
    """The module map and the legacy roots are [tool.aicmo]'s alone: a second copy under the boundaries exits 2 naming where they live."""
    path = tree / "pyproject.toml"
    path.write_text(path.read_text().replace("[tool.aicmo.boundaries]\n", f"[tool.aicmo.boundaries]\n{key} = {value}\n"))
    result = invoke(tree, "check")
    assert 2 == result.exit_code
    assert f"tool.aicmo.boundaries.{key}: moved to tool.aicmo.{moved_to}" in result.output


def test_a_missing_legacy_root_is_a_configuration_error(tree):
    """A legacy root naming no folder or file exits 2 naming it."""
    path = tree / "pyproject.toml"
    path.write_text(path.read_text().replace('legacy = ["oldshop", "shop.domain"]', 'legacy = ["oldshop", "shop.olddomain"]'))
    result = invoke(tree, "check")
    assert 2 == result.exit_code
    assert "tool.aicmo.legacy: 'shop.olddomain' is neither a folder shop/olddomain/ nor a file shop/olddomain.py" in result.output


def test_a_file_that_does_not_parse_is_a_usage_error(tree):
    """A syntax error stops the check with exit 2 and the reason, not a traceback."""
    plant(tree, "shop/beta/internal/broken.py", "def (:\n")
    result = invoke(tree, "check")
    assert 2 == result.exit_code
    assert "cannot build the import graph" in result.output


def test_regenerating_the_baseline_is_one_command(tree):
    """--prune --accept-new --reason drops the stale entry and adds the new one in one run."""
    path = tree / "oldshop/services/alpha_svc.py"
    path.write_text(path.read_text().replace("from shop.domain import Thing", "Thing = None"))
    plant(tree, "shop/beta/internal/extra.py", CROSS_IMPORT)
    result = invoke(tree, "baseline", "--prune", "--accept-new", "--reason", "after the merge")
    assert 0 == result.exit_code
    assert "1 added, 1 pruned, 2 entries" in result.output
    assert 0 == invoke(tree, "check").exit_code


FORMAT_1 = {
    "tool": "boundaries",
    "version": 1,
    "entries": [
        {"file": "oldshop/services/alpha_svc.py", "key": "god-module:oldshop.services.alpha_svc->shop.domain",
         "reason": "the god module, at the freeze", "rule": "god-module"},
        {"file": "oldshop/services/alpha_svc.py",
         "key": "undeclared-dependency:oldshop.services.alpha_svc->oldshop.services.gamma_svc",
         "reason": "gamma's helper, until gamma migrates", "rule": "undeclared-dependency"},
        {"file": "oldshop/services/beta_svc.py", "key": "api-only:oldshop.services.beta_svc->shop.alpha.internal.core",
         "reason": "long gone", "rule": "api-only"},
    ],
}


def test_a_format_1_baseline_is_refused_until_upgraded_with_its_reasons(tree):
    """Keys per module edge would all look stale: exit 2 naming the fix; --upgrade rewrites each
    accepted edge as the imports along it, with that entry's reason, and drops what matches nothing."""
    path = tree / "boundaries-baseline.json"
    path.write_text(json.dumps(FORMAT_1))
    for command in (["check"], ["graph"], ["baseline", "--prune"]):
        result = invoke(tree, *command)
        assert 2 == result.exit_code, command
        assert "format 1" in result.output and "aicmo boundaries baseline --upgrade" in result.output
    assert 2 == invoke(tree, "baseline", "--upgrade", "--prune").exit_code
    assert FORMAT_1 == json.loads(path.read_text())  # nothing written on bad input

    result = invoke(tree, "baseline", "--upgrade")
    assert 0 == result.exit_code, result.output
    assert "3 entries became 2; 1 matched no finding" in result.output
    assert "dropped: api-only:oldshop.services.beta_svc->shop.alpha.internal.core" in result.output
    upgraded = json.loads(path.read_text())
    assert 2 == upgraded["version"]
    assert {
        "god-module:oldshop.services.alpha_svc->shop.domain.Thing": "the god module, at the freeze",
        "undeclared-dependency:oldshop.services.alpha_svc->oldshop.services.gamma_svc.helper": "gamma's helper, until gamma migrates",
    } == {e["key"]: e["reason"] for e in upgraded["entries"]}
    assert 0 == invoke(tree, "check").exit_code


def test_a_baseline_from_a_newer_version_is_a_usage_error(tree):
    path = tree / "boundaries-baseline.json"
    path.write_text(json.dumps({**FORMAT_1, "version": 99}))
    result = invoke(tree, "check")
    assert 2 == result.exit_code and "newer than this aicmo reads" in result.output


@pytest.mark.parametrize("bad", [
    'exclude = "tests"',
    'shared_kernel = [""]',
    '[tool.aicmo.boundaries.public]\nalpha = "shop.alpha.api"',
    '[tool.aicmo.boundaries.public]\ndelta = ["shop.delta.api"]',
], ids=["exclude-not-a-list", "empty-kernel", "public-not-a-list", "public-of-an-unknown-module"])
def test_new_keys_with_bad_values_are_configuration_errors(tree, bad):
    path = tree / "pyproject.toml"
    text = path.read_text()
    if bad.startswith("["):
        text = text.replace('public = "api"\n', "") + "\n" + bad + "\n"
    else:
        text = text.replace("[tool.aicmo.boundaries]\n", f"[tool.aicmo.boundaries]\n{bad}\n")
    path.write_text(text)
    result = invoke(tree, "check")
    assert 2 == result.exit_code, result.output
    assert "[tool.aicmo.boundaries" in result.output
