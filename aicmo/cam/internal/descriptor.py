"""cam's migration descriptor: how the strangler builds, shadows and migrates the new cam."""
from __future__ import annotations

import uuid
from typing import Any, Mapping, Union

from sqlalchemy.engine import Connection, Engine

from aicmo.cam.api import CamPort
from aicmo.cam.internal.divergences import DECLARED_DIVERGENCES, explain
from aicmo.cam.internal.service import CamService
from aicmo.cam.internal.tables import CamBase
from aicmo.cam.internal.unit_of_work import CamUnitOfWork
from aicmo.shared.clock import Clock
from aicmo.shared.ids import EntityId, derived_id
from aicmo.shared.new_implementation import MigrationDescriptor
from aicmo.shared.persistence.migrations import SchemaMigrations
from aicmo.shared.persistence.module_session import module_sessionmaker

__all__ = ["CAM_MIGRATIONS", "DESCRIPTOR", "build_cam"]

CAM_MIGRATIONS = SchemaMigrations("cam", "aicmo.cam.internal", CamBase.metadata)


def _drawn_id(_kind: str, _idempotency_key: str, _n: int) -> str:
    # one draw where legacy draws one, in its order: reproducible runs mint the same ids
    return str(uuid.uuid4())


def _shadow_id(kind: str, idempotency_key: str, n: int) -> str:
    # a shadow candidate runs after legacy drew its ids: a draw here would shift every id minted
    # after it in a reproducible run, so it names what it makes by the key instead
    return str(derived_id(EntityId, "cam-shadow", kind, idempotency_key, n))


def build_cam(bind: Union[Engine, Connection], clock: Clock, ports: Mapping[str, Any]) -> CamPort:
    """CamPort on cam's tables behind a cam-scoped, ownership-guarded session; cam depends on no module.

    Given a Connection inside a transaction (a shadow run, rolled back after), each unit of work
    commits to a savepoint of it and no id is drawn.
    """
    shadow = isinstance(bind, Connection)
    options = {"join_transaction_mode": "create_savepoint"} if shadow else {}
    sessions = module_sessionmaker("cam", bind, database_role=True, **options)
    return CamService(lambda: CamUnitOfWork(sessions), clock, _shadow_id if shadow else _drawn_id)


DESCRIPTOR = MigrationDescriptor(
    module="cam",
    build=build_cam,
    migrations=CAM_MIGRATIONS,
    # Only create_campaign: every other command works on a campaign, leads or a reply legacy
    # created, which the rolled-back candidate's tables never hold under shadow (and its ids are
    # draws legacy made, see build_cam). Those are proven equal where state is kept: the port
    # suite, the cam=new pins and the acquisitions compared byte for byte.
    shadowed=frozenset({"create_campaign"}),
    # the campaign's id is a draw legacy made and the candidate must not repeat; created_at is
    # the clock reading of each run (the candidate runs after legacy)
    instant_fields=frozenset({"campaign_id", "created_at"}),
    explain=explain,
    divergences=DECLARED_DIVERGENCES,
)
