"""The promotion evidence: suite runs on a path, shadow comparisons, declared divergences.

Suite runs and comparisons are append-only: evidence that could be edited proves nothing.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, Boolean, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from aicmo.shared.persistence.ownership import register_table
from aicmo.shared.persistence.types import UtcDateTime
from aicmo.strangler.database import AppendOnly, StranglerBase, make_append_only

__all__ = ["DeclaredDivergenceRow", "KeptInputRow", "LostComparisonRow", "ShadowComparisonRow", "SuiteRunRow"]


class SuiteRunRow(AppendOnly, StranglerBase):
    """One run of a module's test suite (characterization or contract) on one path."""

    __tablename__ = "strangler_suite_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    module: Mapped[str] = mapped_column(String(40), index=True)
    suite: Mapped[str] = mapped_column(String(40))
    path: Mapped[str] = mapped_column(String(10))  # legacy or new
    # the kind of database the suite ran on: a deployment's gate reads only its own kind
    database: Mapped[str] = mapped_column(String(20), server_default="sqlite")
    passed: Mapped[bool] = mapped_column(Boolean)
    # the code the suite ran on: the gate accepts only runs at the commit being promoted
    at_commit: Mapped[Optional[str]] = mapped_column(String(64), nullable=True)
    detail: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class ShadowComparisonRow(AppendOnly, StranglerBase):
    """One shadow call: legacy and new results compared; a mismatch keeps its field diff.

    A matched comparison keeps only its method and a fingerprint of its inputs; a mismatch or a
    candidate fault keeps the inputs whole and legacy's answer, to be replayed. Rows from before
    0008 kept the inputs (with the method in them) and the timings as JSON, and are read back as
    they are; rows from before 0009 kept no fingerprint and no legacy answer for a mismatch.
    """

    __tablename__ = "strangler_shadow_comparisons"
    __table_args__ = (Index("ix_strangler_shadow_comparisons_module_id", "module", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    module: Mapped[str] = mapped_column(String(40), index=True)
    matched: Mapped[bool] = mapped_column(Boolean)
    divergence: Mapped[Optional[str]] = mapped_column(String(100), nullable=True)  # a declared divergence's name
    # none_as_null: nothing stored is SQL NULL, not the JSON text 'null' (a match stores no inputs, no diff)
    diff: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    inputs: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    context: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    timings: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    candidate_error: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    # what stopped the candidate: "timeout", "uncomparable" or the class name of what it raised
    candidate_fault: Mapped[Optional[str]] = mapped_column(String(60), nullable=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    method: Mapped[Optional[str]] = mapped_column(String(100), nullable=True)
    fingerprint: Mapped[Optional[str]] = mapped_column(String(32), nullable=True)  # see evidence/fingerprint.py
    # seconds per path, as numbers: the report averages them in SQL
    legacy_wall_s: Mapped[Optional[float]] = mapped_column(Float, nullable=True)
    legacy_cpu_s: Mapped[Optional[float]] = mapped_column(Float, nullable=True)
    new_wall_s: Mapped[Optional[float]] = mapped_column(Float, nullable=True)
    new_cpu_s: Mapped[Optional[float]] = mapped_column(Float, nullable=True)
    legacy_output: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)  # a mismatch's only


class KeptInputRow(StranglerBase):
    """The inputs of a matched shadow call and legacy's answer, once per distinct input, to be replayed.

    Keyed by the call's fingerprint, so a thousand equal calls keep one row; a module keeps at
    most a bounded number of them (evidence/kept_inputs.py). Not evidence: nothing counts these.
    """

    __tablename__ = "strangler_kept_inputs"

    module: Mapped[str] = mapped_column(String(40), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(32), primary_key=True)
    method: Mapped[str] = mapped_column(String(100))
    inputs: Mapped[Any] = mapped_column(JSON(none_as_null=True))
    legacy_output: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class LostComparisonRow(AppendOnly, StranglerBase):
    """A shadow call whose comparison could not be recorded: counted, so the report shows the gap."""

    __tablename__ = "strangler_lost_comparisons"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    module: Mapped[str] = mapped_column(String(40), index=True)
    method: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class DeclaredDivergenceRow(StranglerBase):
    """A difference between legacy and new that is intended (a legacy bug fixed), with why."""

    __tablename__ = "strangler_divergences"

    module: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UtcDateTime())


make_append_only(SuiteRunRow.__table__)  # type: ignore[arg-type]
make_append_only(ShadowComparisonRow.__table__)  # type: ignore[arg-type]
make_append_only(LostComparisonRow.__table__)  # type: ignore[arg-type]

register_table("strangler_suite_runs", "strangler")
register_table("strangler_shadow_comparisons", "strangler")
register_table("strangler_divergences", "strangler")
register_table("strangler_lost_comparisons", "strangler")
register_table("strangler_kept_inputs", "strangler")
