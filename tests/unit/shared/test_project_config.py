"""The project's configuration, [tool.aicmo]: a good file loads, each kind of bad one is refused naming its key."""
from __future__ import annotations

import textwrap

import pytest

from aicmo.shared.config_file import ProjectConfigError
from aicmo.shared.project_config import load_project_config

GOOD = """
[tool.aicmo]
legacy = ["oldshop", "shop.flow"]

[tool.aicmo.modules]
delivery = ["billing"]
billing = []
reporting = ["delivery", "billing"]

[tool.aicmo.legacy_tables]
invoices = "billing"
parcels = "delivery"

[tool.aicmo.gate]
min_comparisons = 50

[tool.aicmo.boundaries]
packages = ["shop"]
"""


@pytest.fixture
def project(tmp_path):
    """A project folder with the legacy roots GOOD names: a package and a single-file module."""
    (tmp_path / "oldshop").mkdir()
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop/flow.py").write_text("")
    return tmp_path


def write(project, text: str):
    path = project / "pyproject.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_good_configuration_loads(project):
    """Modules in dependency order, legacy roots as the folder or file each names, owners and gate as written."""
    config = load_project_config(write(project, GOOD))
    assert {"billing": (), "delivery": ("billing",), "reporting": ("delivery", "billing")} == dict(config.modules)
    assert ["billing", "delivery", "reporting"] == list(config.modules)  # billing first: delivery uses it
    assert ("oldshop", "shop/flow.py") == config.legacy_paths
    assert {"invoices": "billing", "parcels": "delivery"} == dict(config.legacy_tables)
    assert 50 == config.gate.min_comparisons
    assert ["shop"] == config.boundaries["packages"]


def test_the_configuration_is_read_once_and_again_when_the_file_changes(project):
    path = write(project, GOOD)
    assert load_project_config(path) is load_project_config(path)
    write(project, GOOD.replace("min_comparisons = 50", "min_comparisons = 75"))
    assert 75 == load_project_config(path).gate.min_comparisons


BAD = {
    "no modules": (
        ("[tool.aicmo.modules]\ndelivery = [\"billing\"]\nbilling = []\nreporting = [\"delivery\", \"billing\"]\n", ""),
        "tool.aicmo.modules is missing",
    ),
    "unknown dependency": (
        ('delivery = ["billing"]', 'delivery = ["biling"]'),
        "tool.aicmo.modules.delivery depends on unknown modules: biling",
    ),
    "cycle": (
        ("billing = []", 'billing = ["reporting"]'),
        "tool.aicmo.modules: declared module dependencies form a cycle: billing -> reporting -> delivery -> billing",
    ),
    "dependencies not a list": (
        ('delivery = ["billing"]', 'delivery = "billing"'),
        "tool.aicmo.modules.delivery must be a list of module names, not 'billing'",
    ),
    "a dependency twice": (
        ('delivery = ["billing"]', 'delivery = ["billing", "billing"]'),
        "tool.aicmo.modules.delivery names a module twice",
    ),
    "table owned by no module": (
        ('parcels = "delivery"', 'parcels = "shipping"'),
        "tool.aicmo.legacy_tables.parcels: owner 'shipping' is not a module of tool.aicmo.modules",
    ),
    "table with two owners": (
        ('parcels = "delivery"', 'parcels = "delivery"\nparcels = "billing"'),
        'is not valid TOML: Cannot overwrite a value (at line 13, column 20): parcels = "billing"',
    ),
    "gate floor of zero": (
        ("min_comparisons = 50", "min_comparisons = 0"),
        "tool.aicmo.gate.min_comparisons: Input should be greater than or equal to 1 (got 0)",
    ),
    "gate floor as text": (
        ("min_comparisons = 50", 'min_comparisons = "50"'),
        "tool.aicmo.gate.min_comparisons: Input should be a valid integer (got '50')",
    ),
    "misspelt gate key": (
        ("min_comparisons = 50", "min_comparison = 50"),
        "tool.aicmo.gate.min_comparison: unknown key",
    ),
    "misspelt section": (
        ("[tool.aicmo.legacy_tables]", "[tool.aicmo.legacy_table]"),
        "tool.aicmo.legacy_table: unknown key",
    ),
    "legacy root as a path": (
        ('"shop.flow"]', '"shop/flow.py"]'),
        "tool.aicmo.legacy: 'shop/flow.py' is not a Python package or module name",
    ),
    "legacy roots not a list": (
        ('legacy = ["oldshop", "shop.flow"]', 'legacy = "oldshop"'),
        "tool.aicmo.legacy: Input should be a valid tuple (got 'oldshop')",
    ),
}


@pytest.mark.parametrize("change, message", BAD.values(), ids=BAD.keys())
def test_a_bad_configuration_is_refused_naming_its_key(project, change, message):
    old, new = change
    assert old in GOOD
    with pytest.raises(ProjectConfigError) as refused:
        load_project_config(write(project, GOOD.replace(old, new)))
    assert message in str(refused.value)


def test_a_missing_legacy_root_is_refused_when_its_files_are_needed(project):
    """Loading passes (a deployment has no legacy source beside it); asking for the legacy files names the root."""
    config = load_project_config(write(project, GOOD.replace('"shop.flow"', '"shop.flows"')))
    with pytest.raises(ProjectConfigError) as refused:
        config.legacy_paths
    assert "tool.aicmo.legacy: 'shop.flows' is neither a folder shop/flows/ nor a file shop/flows.py" in str(refused.value)


def test_a_missing_file_is_refused_naming_it(tmp_path):
    with pytest.raises(ProjectConfigError) as refused:
        load_project_config(tmp_path / "pyproject.toml")
    assert f"cannot read {tmp_path / 'pyproject.toml'}" in str(refused.value)
