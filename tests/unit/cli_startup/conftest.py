"""Start-up tests: the real `aicmo` in a process of its own, and what it imported."""
from __future__ import annotations

import os

import pytest

from aicmo.cli_support.command_registry import COMMANDS
from tests.databases import database_parameters
from tests.e2e.conftest import TEST_HOOKS, upgraded_database

# what starting the command must not import: the command modules and what they stand on
COMMAND_MODULES = tuple(sorted({entry.module for entry in COMMANDS}))
NOT_AT_START = (
    "unittest.mock", "aicmo.strangler.contract_versions", "aicmo.shared.dto", "aicmo.shared.events",
    "aicmo.strangler.boundaries", "aicmo.strangler.ownership", "aicmo.strangler.ratchet", "aicmo.strangler.migration",
    "aicmo.orchestration", "grimp", "sqlalchemy", "pydantic", "acl", "backend", *COMMAND_MODULES,
)
# what `aicmo run` must not import: the checkers, the reports and the other commands
NOT_ON_RUN = (
    "unittest.mock", "aicmo.strangler.contract_versions", "aicmo.strangler.boundaries", "aicmo.strangler.ownership",
    "aicmo.strangler.ratchet", "aicmo.strangler.migration", "aicmo.strangler.dispatch.report", "grimp",
    "benchmarks", "mutmut", *(module for module in COMMAND_MODULES if module != "aicmo.cli_support.journey_cmd"),
)


def child_env() -> dict[str, str]:
    """This process's environment without the hooks tests use to steer a command."""
    return {k: v for k, v in os.environ.items() if k not in TEST_HOOKS}


@pytest.fixture(params=database_parameters())
def command_database_url(request, postgres, tmp_path):
    """A database no command has used: a new SQLite file, or PostgreSQL after `aicmo db upgrade`."""
    yield from upgraded_database(request.param, postgres, tmp_path)
