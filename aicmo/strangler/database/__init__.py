"""The strangler's database: its declarative base and session, and the append-only guard."""
from aicmo.strangler.database.append_only import AppendOnly, AppendOnlyViolation, make_append_only
from aicmo.strangler.database.base import SCHEMA, StranglerBase, StranglerSession

__all__ = ["SCHEMA", "AppendOnly", "AppendOnlyViolation", "StranglerBase", "StranglerSession", "make_append_only"]
