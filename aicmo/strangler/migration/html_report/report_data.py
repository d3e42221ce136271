"""Everything the status page shows, read in one session: nothing is created or migrated."""
from __future__ import annotations

from typing import Any

import attrs
from sqlalchemy.orm import Session

from aicmo.shared.modules import MODULES
from aicmo.strangler.migration.status import ModuleStatus, declared_divergences, migration_status
from aicmo.strangler.routes.history import route_history

__all__ = ["ReportData", "read_report"]


@attrs.frozen
class ReportData:
    kill_switch: bool
    statuses: list[ModuleStatus]
    divergences: list[tuple[str, str, str]]  # (module, name, reason)
    histories: dict[str, list[dict[str, Any]]]  # route_history of each module, in the declared order


def read_report(session: Session) -> ReportData:
    kill_switch, statuses = migration_status(session)
    return ReportData(
        kill_switch=kill_switch,
        statuses=statuses,
        divergences=declared_divergences(session),
        histories={module: route_history(session, module) for module in MODULES},
    )
