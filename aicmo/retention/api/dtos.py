"""Retention's data at the boundary: the signals it reads and the assessment (spec §9)."""
from __future__ import annotations

from enum import Enum

from pydantic import AwareDatetime, Field

from aicmo.billing.api import BillingStatus, Proposal
from aicmo.reporting.api import PerformanceReport
from aicmo.shared.dto import ContractModel
from aicmo.shared.ids import ClientId, EntityId
from aicmo.shared.money import Amount

__all__ = [
    "AssessmentId",
    "LifecycleStage",
    "RenewalRiskFactors",
    "RetentionAssessment",
    "RetentionSignals",
    "RiskLevel",
    "UpsellKind",
    "UpsellOffer",
]


class AssessmentId(EntityId):
    """One retention assessment."""


class RiskLevel(str, Enum):
    """Renewal risk: high ≥ 0.6, medium ≥ 0.3, else low (L-29)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class LifecycleStage(str, Enum):
    """Where the client is in its life with us (L-30)."""

    ONBOARDING = "onboarding"
    ACTIVE = "active"
    AT_RISK = "at_risk"
    CHURNED = "churned"


class UpsellKind(str, Enum):
    """An upsell to offer (L-31)."""

    SCALE_BUDGET = "scale_budget"
    ADD_CHANNEL = "add_channel"


class RetentionSignals(ContractModel):
    """What an assessment reads: billing and performance as their modules report them, plus review facts."""

    client_id: ClientId
    """The client."""
    last_engagement_at: AwareDatetime
    """The client's last engagement."""
    billing: BillingStatus
    """The client's billing status; overdue invoices raise the risk."""
    report: PerformanceReport
    """The latest performance report; its overall ROAS counts."""
    last_proposal: Proposal
    """The last proposal; scale_budget is worth a share of its total."""
    delivered: bool
    """Whether anything was delivered yet."""
    client_rejections: int = Field(ge=0)
    """Creatives the client rejected."""
    approved_in_first_round: bool
    """The client approved everything in one review round."""


class RenewalRiskFactors(ContractModel):
    """The weighted parts of the renewal risk (L-29), rounded to 4 places."""

    engagement: float = Field(ge=0, le=1)
    """0.35 × days since engagement / 90, capped."""
    overdue: float = Field(ge=0, le=1)
    """0.25 when an invoice is overdue."""
    roas: float = Field(ge=0, le=1)
    """0.25 when ROAS is under 1."""
    rejections: float = Field(ge=0, le=1)
    """0.15 when the client rejected anything."""


class UpsellOffer(ContractModel):
    """An upsell to offer and what it is worth (L-31)."""

    kind: UpsellKind
    """The offer."""
    value: Amount
    """Its value in the proposal's currency."""


class RetentionAssessment(ContractModel):
    """A client's renewal risk, lifecycle stage and upsell opportunities."""

    assessment_id: AssessmentId
    """This assessment."""
    client_id: ClientId
    """The client."""
    days_since_engagement: int = Field(ge=0)
    """Whole days since the last engagement."""
    risk_score: float = Field(ge=0, le=1)
    """The sum of the factors, rounded to 4 places."""
    risk_level: RiskLevel
    """The level."""
    factors: RenewalRiskFactors
    """The parts."""
    lifecycle_stage: LifecycleStage
    """The stage."""
    upsell: tuple[UpsellOffer, ...]
    """Offers, scale_budget first."""
    assessed_at: AwareDatetime
    """When."""
