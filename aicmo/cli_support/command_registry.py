"""Every `aicmo` subcommand: its name, where it lives, and the one line `aicmo --help` lists.

The commands load only when used (`aicmo.cli_support.lazy_group`): `aicmo --help` lists them from
this table without importing a single command module, so their imports (the contracts, the
boundary checker, the database) cost nothing to a user who runs something else. The line here is
the first paragraph of the command's own help; a test renders `aicmo --help` both from this table
and from the loaded commands and requires the same text, and requires every command module of
this package to be registered here.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CommandEntry", "COMMANDS"]


@dataclass(frozen=True)
class CommandEntry:
    """A subcommand: ``target`` is "module:attribute", a Typer app (a group) or a command function."""

    name: str
    target: str
    help: str

    @property
    def module(self) -> str:
        return self.target.partition(":")[0]

    @property
    def attribute(self) -> str:
        return self.target.partition(":")[2]


# in the order `aicmo --help` lists them
COMMANDS: tuple[CommandEntry, ...] = (
    CommandEntry(
        "worker", "aicmo.cli_support.worker_cmd:worker",
        "Take the journeys queued on the database (`aicmo run --queue`) and run them, until stopped.",
    ),
    CommandEntry("demo", "aicmo.cli_support.journey_cmd:demo", "Run the full client journey for the bundled sample intake."),
    CommandEntry(
        "run", "aicmo.cli_support.journey_cmd:run",
        "Run one client journey for an intake file (or, with --queue, queue it for `aicmo worker`).",
    ),
    CommandEntry(
        "acquire", "aicmo.cli_support.acquire_cmd:acquire",
        "Run the acquisition: score, qualify, route, send (simulation), process replies, convert.",
    ),
    CommandEntry(
        "traffic", "aicmo.cli_support.traffic_cmd:traffic",
        "Run many client journeys of varied synthetic intakes: traffic for shadow comparisons before a promotion.",
    ),
    CommandEntry(
        "contracts", "aicmo.cli_support.contracts_cmd:app",
        "Versioned module contracts: compare the code's schemas with the committed ones.",
    ),
    CommandEntry("db", "aicmo.cli_support.db_cmd:app", "The application database's tables, under Alembic: upgrade, current."),
    CommandEntry("journeys", "aicmo.cli_support.journeys_cmd:app", "Durable client journeys: list, show, resume, cancel."),
    CommandEntry(
        "boundaries", "aicmo.cli_support.boundaries_cmd:app",
        "Module boundaries (rules 1-3): only api crosses modules, declared acyclic dependencies, legacy only via acl/.",
    ),
    CommandEntry(
        "ownership", "aicmo.cli_support.ownership_cmd:app",
        "Data ownership (rule 5): a module writes only the tables it owns.",
    ),
    CommandEntry(
        "migrate", "aicmo.cli_support.migrate_cmd:app",
        "Migrate modules legacy -> shadow -> new -> deleted, gated by evidence and audited.",
    ),
    CommandEntry("shadow", "aicmo.cli_support.shadow_cmd:app", "Shadow runs: the new path compared with legacy."),
    CommandEntry(
        "check", "aicmo.cli_support.check_cmd:check",
        "Run the PR gate: legacy freeze, contracts, boundaries, ownership and the touched modules' suites.",
    ),
)
