"""What a module's new implementation tells the composition root: its migration descriptor.

One descriptor per module, in ``aicmo/<module>/internal/descriptor.py`` (``DESCRIPTOR``); the
composition root finds it there, so a module joins the strangler with one file, not edits in
five. The descriptor says how to build the new port, which methods are compared under
shadow, which fields hold the instant of the call (never compared), how the module's declared
divergences explain a difference, and which migrations create its tables.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional, Union

import attrs

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from aicmo.shared.clock import Clock
    from aicmo.shared.persistence.migrations import SchemaMigrations

__all__ = ["Build", "MigrationDescriptor", "no_divergence"]

# (where its tables are: an engine, or a connection whose transaction a shadow run rolls back;
#  the clock; the ports of the modules it depends on, by name, and the text generator under
#  aicmo.shared.text_generation.TEXT_GENERATOR) -> the module's port
Build = Callable[["Union[Engine, Connection]", "Clock", Mapping[str, Any]], Any]


def no_divergence(diffs: list[dict[str, Any]]) -> Optional[str]:
    """Explains nothing: every difference is unexplained."""
    return None


@attrs.frozen
class MigrationDescriptor:
    """How the strangler builds, shadows and migrates one module's new implementation."""

    module: str
    build: Build
    migrations: "SchemaMigrations"
    shadowed: frozenset[str]  # the commands compared under shadow; reads of stored state are not
    instant_fields: frozenset[str] = frozenset()  # hold the instant of the call: compared on no run
    # a declared divergence's name when it explains the field diffs of a mismatch, else None
    explain: Callable[[list[dict[str, Any]]], Optional[str]] = no_divergence
    # every name `explain` may return, with why: the only names `aicmo migrate diverge` accepts
    divergences: Mapping[str, str] = attrs.field(factory=dict)
