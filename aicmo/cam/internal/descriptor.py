"""cam's migration descriptor: how the strangler builds, shadows and migrates the new cam."""
from __future__ import annotations

import uuid
from typing import Any, Callable, Mapping, Optional, Union

from sqlalchemy.engine import Connection, Engine

from aicmo.cam.api import Campaign, CamPort
from aicmo.cam.internal.divergences import DECLARED_DIVERGENCES, explain
from aicmo.cam.internal.service import CamService
from aicmo.cam.internal.tables import CamBase
from aicmo.cam.internal.unit_of_work import CamUnitOfWork
from aicmo.shared.clock import Clock
from aicmo.shared.ids import EntityId, derived_id
from aicmo.shared.new_implementation import MigrationDescriptor
from aicmo.shared.persistence.migrations import SchemaMigrations
from aicmo.shared.persistence.module_session import implementation_sessions

__all__ = ["CAM_MIGRATIONS", "DESCRIPTOR", "build_cam"]

# the key under which the composition root hands every build the unit of work's own ports
# (aicmo.orchestration.port_wiring.BUNDLE; cam may not import the orchestration)
BUNDLE = "bundle"
CAM_MIGRATIONS = SchemaMigrations("cam", "aicmo.cam.internal", CamBase.metadata)


def _drawn_id(_kind: str, _idempotency_key: str, _n: int) -> str:
    # one draw where legacy draws one, in its order: reproducible runs mint the same ids
    return str(uuid.uuid4())


def _shadow_id(kind: str, idempotency_key: str, n: int) -> str:
    # a shadow candidate runs after legacy drew its ids: a draw here would shift every id minted
    # after it in a reproducible run, so it names what it makes by the key instead
    return str(derived_id(EntityId, "cam-shadow", kind, idempotency_key, n))


def _answering_path_campaigns(ports: Mapping[str, Any]) -> Optional[Callable[[str], Campaign]]:
    """The campaigns as the unit of work's own cam port gives them: under shadow, legacy's answer."""
    bundle = ports.get(BUNDLE)
    return None if bundle is None else (lambda campaign_id: bundle().cam.get_campaign(campaign_id))


def build_cam(bind: Union[Engine, Connection], clock: Clock, ports: Mapping[str, Any]) -> CamPort:
    """CamPort on cam's tables behind a cam-scoped, ownership-guarded session; cam depends on no module.

    Given a Connection inside a transaction (a shadow run, rolled back after), each unit of work
    commits to a savepoint of it, no id is drawn, and a campaign legacy created is taken in from
    the answering path (legacy's get_campaign, not compared) so a batch can be compared.
    """
    sessions, shadow = implementation_sessions("cam", bind)
    if not shadow:
        return CamService(lambda: CamUnitOfWork(sessions), clock, _drawn_id)
    return CamService(lambda: CamUnitOfWork(sessions), clock, _shadow_id, _answering_path_campaigns(ports))


DESCRIPTOR = MigrationDescriptor(
    module="cam",
    build=build_cam,
    migrations=CAM_MIGRATIONS,
    # The campaign and every batch of leads: the candidate takes legacy's campaign in (build_cam)
    # and imports, scores, qualifies, grades and routes the batch as the new path does; only
    # its ids differ. Every other command works on leads, attempts or a reply legacy created,
    # which the rolled-back candidate's tables never hold (each candidate's batch is rolled back
    # too); those are proven equal where state is kept: the port suite, the cam=new pins and the
    # acquisitions compared byte for byte (tests/e2e/test_cam_acquisition_matches_legacy.py).
    shadowed=frozenset({"create_campaign", "import_lead_batch"}),
    # the campaign's and the leads' ids are draws legacy made and the candidate must not repeat
    # (build_cam); created_at is the clock reading of each run (the candidate runs after legacy).
    # (campaign_id, ignored for the campaign, goes uncompared on the leads too: the candidate
    # works on legacy's campaign, so it is the same there.)
    instant_fields=frozenset({"campaign_id", "lead_id", "created_at"}),
    explain=explain,
    divergences=DECLARED_DIVERGENCES,
)
