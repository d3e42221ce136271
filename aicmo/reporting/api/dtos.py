"""Reporting's data at the boundary: metrics, the performance report, efficiency, attribution (spec §7)."""
from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import AwareDatetime, Field, model_validator

from aicmo.shared.dto import ContractModel, NonEmptyStr
from aicmo.shared.ids import ClientId, EntityId
from aicmo.shared.money import Amount

__all__ = [
    "AlertLevel",
    "Attribution",
    "AttributionModel",
    "AttributionRequest",
    "ChannelCredit",
    "ChannelDayMetrics",
    "ChannelPerformance",
    "KpiChange",
    "Kpis",
    "MetricTotals",
    "OutreachEfficiency",
    "Performance",
    "PerformanceAlert",
    "PerformanceReport",
    "ReportId",
    "ReportPeriod",
    "ReportRequest",
]


class ReportId(EntityId):
    """One stored performance report (legacy report snapshot)."""


class AlertLevel(str, Enum):
    """How loud an alert is."""

    CRITICAL = "critical"


class AttributionModel(str, Enum):
    """How a conversion's value is shared among its touches (L-25)."""

    FIRST_TOUCH = "first_touch"
    LAST_TOUCH = "last_touch"
    LINEAR = "linear"
    TIME_DECAY = "time_decay"
    POSITION_BASED = "position_based"


class ChannelDayMetrics(ContractModel):
    """What one channel did on one day."""

    channel: NonEmptyStr
    """The channel, e.g. "search"."""
    day: dt.date
    """The day."""
    impressions: int = Field(ge=0)
    """Impressions."""
    clicks: int = Field(ge=0)
    """Clicks."""
    conversions: int = Field(ge=0)
    """Conversions."""
    spend: Amount
    """Money spent."""
    revenue: Amount
    """Revenue attributed."""


class ReportRequest(ContractModel):
    """What to report on."""

    client_id: ClientId
    """The client."""
    channels: tuple[NonEmptyStr, ...]
    """The strategy's channels, in the strategy's order."""
    days: int = Field(default=30, ge=1)
    """The period's length, ending yesterday."""
    metrics: tuple[ChannelDayMetrics, ...] = ()
    """Measured metrics; empty means the demo simulator, seeded by the client id, produces them."""


class MetricTotals(ContractModel):
    """Metrics summed over the period."""

    impressions: int = Field(ge=0)
    """Impressions."""
    clicks: int = Field(ge=0)
    """Clicks."""
    conversions: int = Field(ge=0)
    """Conversions."""
    spend: Amount
    """Money spent."""
    revenue: Amount
    """Revenue."""


class Kpis(ContractModel):
    """The ratios of L-23; a zero denominator gives 0. Rounded to 4 places."""

    ctr: float = Field(ge=0)
    """Clicks per impression."""
    cvr: float = Field(ge=0)
    """Conversions per click."""
    cpa: Amount
    """Spend per conversion."""
    roas: float = Field(ge=0)
    """Revenue per unit of spend."""


class KpiChange(ContractModel):
    """Relative change against the previous period (Q-13: derived as 0.9 × this one). Rounded to 4 places."""

    conversions: float
    """Change in conversions."""
    ctr: float
    """Change in CTR."""
    cvr: float
    """Change in CVR."""
    cpa: float
    """Change in CPA."""
    roas: float
    """Change in ROAS."""


class Performance(ContractModel):
    """Totals, KPIs and change of one scope."""

    totals: MetricTotals
    """The totals."""
    kpis: Kpis
    """The KPIs."""
    change: KpiChange
    """The change."""


class ChannelPerformance(Performance):
    """One channel's performance."""

    channel: NonEmptyStr
    """The channel."""


class PerformanceAlert(ContractModel):
    """A performance alert (L-24)."""

    scope: NonEmptyStr
    """A channel's name, or "overall"."""
    level: AlertLevel
    """How loud."""
    reason: str
    """Why, in legacy wording."""


class ReportPeriod(ContractModel):
    """The days a report covers, both included."""

    start: dt.date
    """The first day."""
    end: dt.date
    """The last day."""

    @model_validator(mode="after")
    def _ordered(self) -> "ReportPeriod":
        if self.start > self.end:
            raise ValueError(f"report period starts {self.start} after it ends {self.end}")
        return self


class PerformanceReport(ContractModel):
    """A client's performance report over one period."""

    report_id: ReportId
    """This report."""
    client_id: ClientId
    """The client."""
    period: ReportPeriod
    """The period."""
    channels: tuple[ChannelPerformance, ...]
    """Per channel, by name."""
    overall: Performance
    """All channels together."""
    top_channels: tuple[str, ...]
    """The two channels with the highest ROAS (L-24)."""
    underperforming_channels: tuple[str, ...]
    """Channels with ROAS under 0.7 × the average, by name."""
    average_roas: float = Field(ge=0)
    """The mean of the channels' ROAS, rounded to 4 places."""
    alerts: tuple[PerformanceAlert, ...]
    """Per channel by name, then overall."""
    created_at: AwareDatetime
    """When it was generated."""


class OutreachEfficiency(ContractModel):
    """0.3·delivery rate + 0.5·reply rate + 0.2·CTR (L-25)."""

    delivery_rate: float = Field(ge=0)
    """Sent over sent plus failed."""
    reply_rate: float = Field(ge=0)
    """Replies over sent."""
    ctr: float = Field(ge=0)
    """Click-through rate."""
    score: float = Field(ge=0)
    """The efficiency, rounded to 4 places."""


class AttributionRequest(ContractModel):
    """A conversion to attribute."""

    touches: tuple[NonEmptyStr, ...]
    """The channels of its touches, oldest first."""
    value: Amount
    """The conversion's value."""
    model: AttributionModel
    """How to share it."""


class ChannelCredit(ContractModel):
    """One channel's share of a conversion's value."""

    channel: NonEmptyStr
    """The channel."""
    value: Amount
    """Its credit, rounded to the cent."""


class Attribution(ContractModel):
    """A conversion's value shared among channels (L-25)."""

    model: AttributionModel
    """The model used."""
    credits: tuple[ChannelCredit, ...]
    """Per channel, in order of first touch."""
