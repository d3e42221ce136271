"""Every module has its api package, and api code imports only what rule 2 allows (read from the code)."""
from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from aicmo.shared.modules import MODULE_DEPENDENCIES, MODULES
from aicmo.shared.project_config import project_config

REPO = Path(__file__).resolve().parents[2]
API_FILES = ("__init__.py", "dtos.py", "ports.py", "events.py", "errors.py")
# third-party packages a contract may use; everything else must be stdlib or aicmo
ALLOWED_THIRD_PARTY = {"pydantic", "pydantic_core", "typing_extensions"}
# the shared-kernel files contracts are built from (testing.py, a legacy test harness, is not one)
CONTRACT_KERNEL = ("ids.py", "money.py", "dto.py", "clock.py", "events.py", "errors.py")
LEGACY = project_config().legacy


def imported_modules(path: Path) -> list[str]:
    """Absolute names of everything a file imports, wherever the import sits (TYPE_CHECKING too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(REPO).with_suffix("").parts[:-1])
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                names.append(".".join(base + ([node.module] if node.module else [])))
            else:
                names.append(node.module or "")
    return names


def allowed(module: str, name: str) -> bool:
    top = name.split(".")[0]
    if top != "aicmo":
        return top in sys.stdlib_module_names or top in ALLOWED_THIRD_PARTY
    if name == "aicmo.shared" or name.startswith("aicmo.shared."):
        return True
    for permitted in (module, *MODULE_DEPENDENCIES[module]):
        prefix = f"aicmo.{permitted}.api"
        if name == prefix or name.startswith(prefix + "."):
            return True
    return False


@pytest.mark.parametrize("module", MODULES)
def test_every_module_has_an_api_package(module):
    """aicmo/<module>/api holds __init__, dtos, ports, events and errors."""
    api = REPO / "aicmo" / module / "api"
    assert [] == [f for f in API_FILES if not (api / f).is_file()]


@pytest.mark.parametrize("module", MODULES)
def test_api_imports_only_shared_and_declared_dependencies(module):
    """No api file imports internal, legacy, an undeclared module's api or a stray package."""
    offending = []
    for path in sorted((REPO / "aicmo" / module / "api").glob("*.py")):
        offending += [f"{path.name}: {name}" for name in imported_modules(path) if not allowed(module, name)]
    assert [] == offending


def test_the_import_rule_catches_internal_legacy_and_undeclared_imports():
    """The rule itself refuses what it must refuse, so the test above can fail."""
    assert not allowed("qc", "aicmo.qc.internal.service")
    assert not allowed("qc", "aicmo.production.internal")
    assert not allowed("qc", "backend.services.qc")
    assert not allowed("qc", "aicmo.domain")
    assert not allowed("qc", "aicmo.core.db")
    assert not allowed("qc", "aicmo.strategy.api")  # qc depends on production only
    assert not allowed("qc", "sqlalchemy")
    assert allowed("qc", "aicmo.production.api")
    assert allowed("qc", "aicmo.shared.ids")


def test_the_declared_dependencies_are_acyclic():
    """Rule 2: following the declared dependencies never comes back to where it started."""
    visiting, done = set(), set()

    def visit(module, trail):
        assert module not in visiting, " -> ".join(trail + [module])
        if module in done:
            return
        visiting.add(module)
        for dependency in MODULE_DEPENDENCIES[module]:
            visit(dependency, trail + [module])
        visiting.discard(module)
        done.add(module)

    for module in MODULES:
        visit(module, [])
    assert set(MODULES) == done


def test_the_contract_kernel_imports_no_business_module_and_no_legacy():
    """The shared files contracts use stay rule-free: no module's api, no legacy code."""
    offending = []
    for path in [REPO / "aicmo" / "shared" / name for name in CONTRACT_KERNEL]:
        for name in imported_modules(path):
            if name.startswith(LEGACY) or any(name.startswith(f"aicmo.{m}") for m in MODULES):
                offending.append(f"{path.name}: {name}")
    assert [] == offending


def test_importing_every_contract_loads_no_legacy_code():
    """At run time too, the ten api packages pull in neither legacy code nor sqlalchemy."""
    script = (
        "import sys\n"
        + "".join(f"import aicmo.{m}.api\n" for m in MODULES)
        + "bad = sorted(n for n in sys.modules if n.startswith(('backend', 'aicmo.domain', 'aicmo.core', "
        "'aicmo.operator_services', 'sqlalchemy')) or '.internal' in n)\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    assert "" == result.stdout.strip()


@pytest.mark.parametrize("module", MODULES)
def test_every_name_in_all_imports(module):
    """Each name the api's __all__ lists is importable from the package."""
    package = importlib.import_module(f"aicmo.{module}.api")
    missing = [name for name in package.__all__ if not hasattr(package, name)]
    assert [] == missing
    assert len(package.__all__) == len(set(package.__all__))


@pytest.mark.parametrize("module", MODULES)
def test_all_lists_every_public_name_of_the_api_files(module):
    """Nothing public in dtos, ports, events or errors is left out of the package's __all__."""
    package = importlib.import_module(f"aicmo.{module}.api")
    left_out = []
    for part in ("dtos", "ports", "events", "errors"):
        submodule = importlib.import_module(f"aicmo.{module}.api.{part}")
        defined = [
            n for n, o in vars(submodule).items()
            if not n.startswith("_") and getattr(o, "__module__", None) == submodule.__name__
        ]
        left_out += [f"{part}.{n}" for n in defined if n not in package.__all__]
        assert sorted(submodule.__all__) == sorted(defined), part
    assert [] == left_out


@pytest.mark.parametrize("module", MODULES)
def test_every_api_declares_a_semver_contract_version(module):
    """CONTRACT_VERSION is MAJOR.MINOR.PATCH and exported."""
    package = importlib.import_module(f"aicmo.{module}.api")
    assert "CONTRACT_VERSION" in package.__all__
    parts = package.CONTRACT_VERSION.split(".")
    assert 3 == len(parts) and all(p.isdigit() for p in parts)
