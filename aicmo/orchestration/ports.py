"""The ten module ports a runner works with, as one bundle wired by the composition root."""
from __future__ import annotations

from dataclasses import dataclass

from aicmo.billing.api import BillingPort
from aicmo.cam.api import CamPort
from aicmo.client_review.api import ClientReviewPort
from aicmo.delivery.api import DeliveryPort
from aicmo.onboarding.api import OnboardingPort
from aicmo.production.api import ProductionPort
from aicmo.qc.api import QcPort
from aicmo.reporting.api import ReportingPort
from aicmo.retention.api import RetentionPort
from aicmo.strategy.api import StrategyPort

__all__ = ["ModulePorts"]


@dataclass(frozen=True)
class ModulePorts:
    """One implementation of each module's port."""

    cam: CamPort
    onboarding: OnboardingPort
    strategy: StrategyPort
    production: ProductionPort
    qc: QcPort
    client_review: ClientReviewPort
    delivery: DeliveryPort
    reporting: ReportingPort
    billing: BillingPort
    retention: RetentionPort
