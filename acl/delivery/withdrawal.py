"""Withdraw a delivered package: the compensation of deliver_package.

The zip is moved aside, not removed: renamed beside itself to `<name>.<package id>.withdrawn`.
Once withdrawn it must not be found where deliveries are read (`out/<brand>.zip`, which a new
delivery of the same brand would also overwrite), yet the bytes that may already have reached
the client are kept, next to the row whose manifest and sha256 describe them, until someone
decides to delete them. The row is kept too: status withdrawn, path naming the moved file.

The row is updated before the file moves and committed after: a crash in between leaves the
file aside and the row delivered, and the next withdrawal finds the zip gone, its aside copy
present, and finishes the row.
"""
from __future__ import annotations

import os

from sqlalchemy.orm import Session

from aicmo.delivery.api import PackageStatus
from aicmo.shared.compensation import Compensation, CompensationStatus
from backend.db.models import DeliveryPackageRow

__all__ = ["aside_path", "withdraw"]

ACTION = "withdraw_package"


def aside_path(path: str, package_id: str) -> str:
    """Where a withdrawn package's zip is kept."""
    return f"{path}.{package_id}.withdrawn"


def withdraw(session: Session, package_id: str) -> Compensation:
    row = session.get(DeliveryPackageRow, package_id)
    if row is None:
        return Compensation(action=ACTION, target_id=package_id, status=CompensationStatus.NOTHING_TO_COMPENSATE)
    if row.status == PackageStatus.WITHDRAWN.value:
        return Compensation(action=ACTION, target_id=package_id, status=CompensationStatus.ALREADY_COMPENSATED)
    original, aside = row.path, aside_path(row.path, package_id)
    row.status = PackageStatus.WITHDRAWN.value
    row.path = aside
    session.flush()  # the row is written (and locked) before the file moves
    if os.path.exists(original):
        os.replace(original, aside)  # atomic on one file system: never both names, never neither
    return Compensation(action=ACTION, target_id=package_id, status=CompensationStatus.COMPENSATED, undone=(package_id,))
