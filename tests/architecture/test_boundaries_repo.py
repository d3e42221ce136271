"""The repository itself: both checks pass with the committed baselines, and the rules are consistent."""
from __future__ import annotations

from pathlib import Path

import pytest

from aicmo.shared.config_file import package_pyproject
from aicmo.shared.modules import MODULES
from aicmo.strangler.boundaries import analyse, load_config
from aicmo.strangler.boundaries.components import classifier
from aicmo.strangler.legacy_freeze import legacy_files
from aicmo.strangler.ownership import check as ownership_check
from aicmo.strangler.ratchet import Baseline, compare

REPO = Path(__file__).resolve().parents[2]
CONFIG = load_config(REPO)


@pytest.fixture(scope="module")
def ownership_findings():
    """The ownership check's findings on the repository (read once: it parses every file)."""
    return ownership_check(CONFIG)


def test_the_boundaries_check_passes_with_the_baseline():
    """No new import finding and no stale baseline entry on main."""
    verdict = compare(analyse(CONFIG).findings, Baseline.read(CONFIG.baseline_path, "boundaries"))
    assert ([], []) == ([f.describe() for f in verdict.new], [e.key for e in verdict.stale])


def test_the_ownership_check_passes_with_the_baseline(ownership_findings):
    """No new foreign write and no stale baseline entry on main."""
    path = REPO / CONFIG.ownership["baseline"]
    verdict = compare(ownership_findings, Baseline.read(path, "ownership"))
    assert ([], []) == ([f.describe() for f in verdict.new], [e.key for e in verdict.stale])


def _is_new_code(path: str) -> bool:
    """A new implementation, a contract, the shared kit or the composition root: never the legacy side or its adapters."""
    parts = path.split("/")
    return parts[0] == "aicmo" and len(parts) > 2 and parts[1] in (*MODULES, "shared", "orchestration")


@pytest.mark.parametrize("baseline", ["boundaries", "ownership"])
def test_no_baseline_entry_belongs_to_new_code(baseline):
    """The baselines accept legacy's violations and the adapters' only: new code of any module has no entry."""
    path = CONFIG.baseline_path if baseline == "boundaries" else REPO / CONFIG.ownership["baseline"]
    files = [entry.file for entry in Baseline.read(path, baseline).entries]
    assert files and all(not _is_new_code(f) for f in files), [f for f in files if _is_new_code(f)]
    assert _is_new_code("aicmo/cam/internal/service.py") and _is_new_code("aicmo/orchestration/journey.py")
    assert not _is_new_code("aicmo/operator_services.py") and not _is_new_code("acl/cam/adapter.py")


def test_the_code_reads_the_configuration_of_its_own_checkout():
    """The package's modules come from this checkout's pyproject.toml, the one the checks read."""
    assert (REPO / "pyproject.toml").resolve() == package_pyproject().resolve()
    assert tuple(CONFIG.modules) == MODULES


def test_every_legacy_file_belongs_to_a_module_or_a_declared_group():
    """Each legacy Python file maps to a business module, legacy-infra, the operator flow or the god module."""
    classify = classifier(CONFIG)
    groups = set(CONFIG.modules) | {"legacy-infra", "orchestration", *CONFIG.god_modules}
    unmapped = []
    for name in legacy_files(REPO):
        if name.endswith(".py"):
            module = name[:-3].replace("/", ".").removesuffix(".__init__")
            component = classify(module)
            if not component.legacy or component.node not in groups:
                unmapped.append(name)
    assert [] == unmapped


def test_legacy_services_map_to_their_business_modules():
    """The mapping follows spec section 0: services by area, generators by what they generate."""
    classify = classifier(CONFIG)
    expected = {
        "backend.services.qc_rules": "qc",
        "backend.services.cam.scoring": "cam",
        "backend.generators.strategy_generator": "strategy",
        "backend.generators.creative_generator": "production",
        "backend.generators.calendar_generator": "production",
        "backend.llm.client": "legacy-infra",
        "backend.db.session": "legacy-infra",
        "aicmo.core.db": "legacy-infra",
        "aicmo.operator_services": "orchestration",
        "aicmo.domain.intake": "aicmo.domain",
    }
    assert expected == {name: classify(name).node for name in expected}


def test_every_spec_section_11_cross_module_write_is_found(ownership_findings):
    """The ownership check finds each legacy write to another module's table."""
    # message: "<function> (<writer module>) writes <table> (<kind>), owned by <owner>"
    found = {(f.message.split("(")[1].split(")")[0], f.message.split(" writes ")[1].split(" ")[0])
             for f in ownership_findings if f.rule == "foreign-write"}
    spec = {
        ("onboarding", "cam_campaigns"),
        ("strategy", "cam_campaigns"),
        ("client_review", "cam_campaigns"),
        ("delivery", "cam_campaigns"),
        ("qc", "creative_assets"),
        ("client_review", "creative_assets"),
        ("delivery", "creative_assets"),
        ("delivery", "billing_invoices"),
    }
    assert set() == spec - found
