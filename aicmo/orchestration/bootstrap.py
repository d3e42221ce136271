"""The composition root: wires each module's port to its implementation (today the legacy ACL adapters).

Besides acl/, this is the one place allowed to reach legacy: the CLI asks it for the legacy
database settings, the acquisition input readers and, behind ``--legacy-flow``, the old
operator flow, each imported lazily.
"""
from __future__ import annotations

from types import ModuleType

from aicmo.orchestration.ports import ModulePorts

__all__ = ["acquisition_files", "configure_legacy_database", "count_projects", "legacy_operator_flow", "legacy_ports"]


def legacy_ports() -> ModulePorts:
    """Every port answered by its anti-corruption adapter over the legacy code."""
    from acl.billing import LegacyBilling
    from acl.cam import LegacyCam
    from acl.client_review import LegacyClientReview
    from acl.delivery import LegacyDelivery
    from acl.onboarding import LegacyOnboarding
    from acl.production import LegacyProduction
    from acl.qc import LegacyQc
    from acl.reporting import LegacyReporting
    from acl.retention import LegacyRetention
    from acl.strategy import LegacyStrategy

    return ModulePorts(
        cam=LegacyCam(),
        onboarding=LegacyOnboarding(),
        strategy=LegacyStrategy(),
        production=LegacyProduction(),
        qc=LegacyQc(),
        client_review=LegacyClientReview(),
        delivery=LegacyDelivery(),
        reporting=LegacyReporting(),
        billing=LegacyBilling(),
        retention=LegacyRetention(),
    )


def configure_legacy_database(url: str) -> None:
    """Point the legacy global engine at ``url``."""
    from backend.db import session

    session.configure(url)


def count_projects() -> int:
    """Rows in cam_campaigns: part of the reproducible seed, so a second run gets other ids."""
    from sqlalchemy import func, select

    from backend.db.models import CampaignRow
    from backend.db.session import SessionLocal

    with SessionLocal() as session:
        return session.scalar(select(func.count()).select_from(CampaignRow)) or 0


def legacy_operator_flow() -> ModuleType:
    """aicmo.operator_services, the flow before the ports (``--legacy-flow``)."""
    from aicmo import operator_services

    return operator_services


def intake_requests() -> ModuleType:
    """The reader of `aicmo run`'s intake requests (acl.onboarding.requests)."""
    from acl.onboarding import requests

    return requests


def acquisition_files() -> ModuleType:
    """The reader of `aicmo acquire`'s input files (acl.cam.files)."""
    from acl.cam import files

    return files
