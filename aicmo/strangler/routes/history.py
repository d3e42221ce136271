"""A module's audit trail: every recorded change about it, oldest first, with the evidence each gate saw.

The kill switch is global (module `*`) but moves every module's route, so a module's history
includes its changes too: an operator reading why qc ran on legacy at some hour finds it there.
"""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from aicmo.strangler.routes.tables import GLOBAL, RouteChangeRow

__all__ = ["history_document", "history_text", "route_history"]


def route_history(session: Session, module: str) -> list[dict[str, Any]]:
    """The module's changes (and the kill switch's), in the order they were appended.

    Each: id, at (ISO), module, kind (route, rollout, override, divergence, kill_switch),
    tenant (overrides only), from, to, who, why, evidence (what the gate or check saw; {} when
    the change needs none).
    """
    rows = session.scalars(
        select(RouteChangeRow)
        .where(or_(RouteChangeRow.module == module, and_(RouteChangeRow.module == GLOBAL, RouteChangeRow.kind == "kill_switch")))
        .order_by(RouteChangeRow.id)
    )
    return [{
        "id": r.id,
        "at": r.at.isoformat(),
        "module": r.module,
        "kind": r.kind,
        "tenant": r.tenant,
        "from": r.from_value,
        "to": r.to_value,
        "who": r.who,
        "why": r.why,
        "evidence": r.evidence or {},
    } for r in rows]


def history_document(module: str, changes: list[dict[str, Any]]) -> dict[str, Any]:
    """`aicmo migrate history MODULE --format json`: {"module", "changes": [route_history entries]}."""
    return {"module": module, "changes": changes}


def history_text(module: str, changes: list[dict[str, Any]]) -> str:
    """One line per change, then one indented line per piece of evidence (its value as compact JSON)."""
    if not changes:
        return f"no changes recorded for {module}\n"
    lines = []
    for c in changes:
        subject = c["kind"] + (f" tenant {c['tenant']}" if c["tenant"] else "")
        lines.append(f"#{c['id']} {c['at']} {subject}: {c['from'] or '-'} -> {c['to']} by {c['who']}: {c['why']}")
        for key, value in sorted(c["evidence"].items()):
            lines.append(f"    {key}: {json.dumps(value, sort_keys=True, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"
