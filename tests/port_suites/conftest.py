"""Port contract suites: every test runs once per implementation of the ports.

The suites talk to the ports only (no legacy import). "legacy-acl" is every port on the
legacy ACL, wired by the composition root; a new module implementation adds its factory to
IMPLEMENTATIONS and runs the very same suites of its module and of the modules using it, every
other port staying on the ACL. Every
suite runs on SQLite and on PostgreSQL (the `database` fixture), legacy's tables included.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from aicmo.orchestration import bootstrap
from aicmo.orchestration.ports import ModulePorts
from aicmo.shared.modules import MODULE_DEPENDENCIES, MODULES
from tests.new_paths import (
    ports_with_new_cam,
    ports_with_new_delivery,
    ports_with_new_billing,
    ports_with_new_client_review,
    ports_with_new_onboarding,
    ports_with_new_production,
    ports_with_new_qc,
    ports_with_new_retention,
    ports_with_new_reporting,
    ports_with_new_strategy,
)

# each factory takes the URL of the test's database
IMPLEMENTATIONS: dict[str, Callable[[str], ModulePorts]] = {
    "legacy-acl": lambda url: bootstrap.legacy_ports(),
    "new-cam": ports_with_new_cam,
    "new-delivery": ports_with_new_delivery,
    "new-billing": ports_with_new_billing,
    "new-client-review": ports_with_new_client_review,
    "new-onboarding": ports_with_new_onboarding,
    "new-production": ports_with_new_production,
    "new-qc": ports_with_new_qc,
    "new-retention": ports_with_new_retention,
    "new-reporting": ports_with_new_reporting,
    "new-strategy": ports_with_new_strategy,
}
# the route each implementation puts a module on (the others stay on legacy): with
# `pytest --record-evidence URL`, a suite run under "new-qc" is qc's contract suite on the new path
ROUTES: dict[str, dict[str, str]] = {
    "legacy-acl": {},
    "new-cam": {"cam": "new"},
    "new-delivery": {"delivery": "new"},
    "new-billing": {"billing": "new"},
    "new-client-review": {"client_review": "new"},
    "new-onboarding": {"onboarding": "new"},
    "new-production": {"production": "new"},
    "new-qc": {"qc": "new"},
    "new-retention": {"retention": "new"},
    "new-reporting": {"reporting": "new"},
    "new-strategy": {"strategy": "new"},
}


def _marks(name: str) -> list[pytest.MarkDecorator]:
    return [pytest.mark.aicmo_evidence(routes=ROUTES[name])] + ([pytest.mark.new_path] if ROUTES[name] else [])


def _suites_of(name: str) -> set[str]:
    """The suites an implementation runs: all of them on legacy; a new module's own and its direct users'.

    A module's users are the modules whose ports call it (MODULE_DEPENDENCIES), so their suites
    prove it as a neighbour; every other suite would run on legacy ports alone once more. The
    pins' `all=new` configuration runs every new path at once over whole journeys.
    """
    if not ROUTES[name]:
        return set(MODULES)
    moved = set(ROUTES[name])
    return moved | {m for m in MODULES if moved & set(MODULE_DEPENDENCIES[m])}


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    kept, dropped = [], []
    for item in items:
        implementation = getattr(getattr(item, "callspec", None), "params", {}).get("ports")
        path = Path(str(item.path))
        suite = path.relative_to(here).parts[0] if here in path.parents else None
        if implementation in IMPLEMENTATIONS and suite in MODULES and suite not in _suites_of(implementation):
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(params=[pytest.param(name, marks=_marks(name)) for name in sorted(IMPLEMENTATIONS)])
def ports(request, database, legacy_database, seeded_ids, tmp_path, monkeypatch) -> ModulePorts:
    """The ten ports of one implementation, on an empty database of each backend, clock at 2026-01-15T10:00Z."""
    monkeypatch.chdir(tmp_path)  # delivery writes its zip below the working folder
    for name in ("AICMO_E2E_MODE", "AICMO_REVIEW_CHANGE_SHARE", "AICMO_OUTPUT_DIR"):
        monkeypatch.delenv(name, raising=False)
    implementation = IMPLEMENTATIONS[request.param](database.url)
    # the clock is frozen only now: pydantic must not build a model's schema while date is faked
    request.getfixturevalue("fixed_clock")
    return implementation


@pytest.fixture
def outcome(ports):
    """A whole client journey over ``ports``: what a step's compensation or a later read works on."""
    from tests.port_suites.builders import journey

    return journey(ports)
