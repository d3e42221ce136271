"""What an entry point did to the legacy tables: the diff of two dumps of the database.

Only committed or flushed rows are visible (the dump reads through a separate connection
of the same in-memory engine), which is exactly what another module would see.
"""
from __future__ import annotations

from typing import Any


def _by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in rows}


def effects_between(before: dict[str, list[dict[str, Any]]], after: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Per table touched: inserted rows, updated columns (before -> after), deleted ids."""
    effects: dict[str, Any] = {}
    for table in sorted(after):
        old, new = _by_id(before.get(table, [])), _by_id(after[table])
        inserted = [new[i] for i in sorted(new.keys() - old.keys())]
        deleted = sorted(old.keys() - new.keys())
        updated = {}
        for row_id in sorted(new.keys() & old.keys()):
            changes = {
                column: {"from": old[row_id][column], "to": value}
                for column, value in new[row_id].items()
                if old[row_id][column] != value
            }
            if changes:
                updated[row_id] = changes
        if inserted or updated or deleted:
            effects[table] = {"inserted": inserted, "updated": updated, "deleted": deleted}
    return effects


def tables_written(effects: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The summary of effects: per table, how many rows were inserted and which columns changed."""
    return {
        table: {
            "inserted": len(change["inserted"]),
            "updated_columns": sorted({c for cols in change["updated"].values() for c in cols}),
            "deleted": len(change["deleted"]),
        }
        for table, change in effects.items()
    }
