"""delivery's migration descriptor: how the strangler builds, shadows and migrates the new delivery."""
from __future__ import annotations

import uuid
from typing import Any, Mapping, Union

from sqlalchemy.engine import Connection, Engine

from aicmo.delivery.api import DeliveryPort, PackageId
from aicmo.delivery.internal.archives import FolderArchives, UnwrittenArchives
from aicmo.delivery.internal.divergences import DECLARED_DIVERGENCES, explain
from aicmo.delivery.internal.service import DeliveryService
from aicmo.delivery.internal.tables import DeliveryBase
from aicmo.delivery.internal.unit_of_work import DeliveryUnitOfWork
from aicmo.shared.clock import Clock
from aicmo.shared.ids import derived_id
from aicmo.shared.new_implementation import MigrationDescriptor
from aicmo.shared.persistence.migrations import SchemaMigrations
from aicmo.shared.persistence.module_session import implementation_sessions

__all__ = ["DELIVERY_MIGRATIONS", "DESCRIPTOR", "build_delivery"]

DELIVERY_MIGRATIONS = SchemaMigrations("delivery", "aicmo.delivery.internal", DeliveryBase.metadata)


def _drawn_id(_idempotency_key: str) -> str:
    # one draw, where legacy's packager draws it: reproducible runs mint the same package id
    return str(uuid.uuid4())


def _shadow_id(idempotency_key: str) -> str:
    # a shadow candidate runs after legacy drew the package's id: a draw here would shift every
    # id minted after it in a reproducible run, so it names its package by the key instead
    return str(derived_id(PackageId, "shadow", idempotency_key))


def build_delivery(bind: Union[Engine, Connection], clock: Clock, ports: Mapping[str, Any]) -> DeliveryPort:
    """DeliveryPort on delivery's tables behind a delivery-scoped, ownership-guarded session.

    Given a Connection inside a transaction (a shadow run, rolled back after), each unit of work
    commits to a savepoint of it, the zip is built but written nowhere, no id is drawn and a
    skipped gate is not warned of twice.
    """
    sessions, shadow = implementation_sessions("delivery", bind)
    return DeliveryService(lambda: DeliveryUnitOfWork(sessions), clock, ports["production"],
                           UnwrittenArchives() if shadow else FolderArchives(), _shadow_id if shadow else _drawn_id,
                           warn=not shadow)  # under shadow legacy has warned already


DESCRIPTOR = MigrationDescriptor(
    module="delivery",
    build=build_delivery,
    migrations=DELIVERY_MIGRATIONS,
    # get_package reads stored packages, which the rolled-back candidate never keeps (legacy
    # delivered them), so under shadow it answers from legacy only; withdraw_package likewise
    shadowed=frozenset({"check_gate", "deliver_package"}),
    # created_at is the clock reading of each run (the candidate runs after legacy); the package
    # id is a draw legacy made and the candidate must not repeat (see build_delivery). Both are
    # proven equal where state is kept: the port suite, the delivery=new pins and journeys.
    instant_fields=frozenset({"package_id", "created_at", "manifest.created_at"}),
    explain=explain,
    divergences=DECLARED_DIVERGENCES,
)
