"""What the scoring and qualification rules read of a campaign, as plain values legacy's model holds."""
from __future__ import annotations

from typing import Optional

import attrs

from aicmo.cam.api import AcquisitionCampaign

__all__ = ["NO_TARGETS", "Targets", "targets_of"]


@attrs.frozen
class Targets:
    """A campaign's targets and e-mail settings: sizes as band names, the revenue range as floats."""

    company_sizes: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    revenue_range: Optional[tuple[float, float]] = None
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    target_roles: tuple[str, ...] = ()
    competitor_domains: tuple[str, ...] = ()
    block_free_mail: bool = False


# the nightly batch re-score builds its campaign without targets (and its defaults)
NO_TARGETS = Targets()


def targets_of(campaign: AcquisitionCampaign) -> Targets:
    t = campaign.targets
    revenue = None if t.revenue_range is None else (float(t.revenue_range.low), float(t.revenue_range.high))
    return Targets(
        company_sizes=tuple(s.value for s in t.company_sizes),
        industries=tuple(t.industries),
        revenue_range=revenue,
        countries=tuple(t.countries),
        regions=tuple(t.regions),
        target_roles=tuple(t.target_roles),
        competitor_domains=tuple(campaign.competitor_domains),
        block_free_mail=campaign.block_free_mail,
    )
