"""Production's data at the boundary: creatives and the content calendar (spec §3)."""
from __future__ import annotations

import datetime as dt
from enum import Enum

from typing import Optional

from pydantic import AwareDatetime, Field

from aicmo.shared.dto import ContractModel
from aicmo.shared.ids import ClientId, EntityId
from aicmo.strategy.api import StrategyId

__all__ = [
    "CalendarItem",
    "CalendarTheme",
    "ContentCalendar",
    "Creative",
    "CreativeFormat",
    "CreativeId",
    "CreativeReviewMark",
    "CreativeSet",
    "CreativeSetId",
    "CreativeStatus",
    "Platform",
    "Tone",
]


class CreativeSetId(EntityId):
    """The creatives produced for one strategy."""


class CreativeId(EntityId):
    """One creative (a legacy creative_assets row)."""


class Platform(str, Enum):
    """Where a creative or a calendar day is published."""

    INSTAGRAM = "Instagram"
    LINKEDIN = "LinkedIn"
    TWITTER = "Twitter"


class CreativeFormat(str, Enum):
    """The creative's format (L-10)."""

    REEL = "reel"
    STATIC_POST = "static_post"
    POST = "post"
    THREAD = "thread"


class Tone(str, Enum):
    """The voice by platform (L-10)."""

    PROFESSIONAL = "professional"
    FRIENDLY = "friendly"
    BOLD = "bold"


class CreativeStatus(str, Enum):
    """A creative's production status."""

    DRAFT = "DRAFT"
    DELIVERED = "DELIVERED"
    DISCARDED = "DISCARDED"
    """The journey that produced it was compensated (discard_creatives); never delivered again."""


class CalendarTheme(str, Enum):
    """A calendar day's theme: seven named days, then "Content" (L-13)."""

    EDUCATION = "Education"
    SOCIAL_PROOF = "Social proof"
    BEHIND_THE_SCENES = "Behind the scenes"
    OFFER = "Offer"
    COMMUNITY = "Community"
    FAQ = "FAQ"
    STORY = "Story"
    CONTENT = "Content"


class Creative(ContractModel):
    """One post for one platform and pillar."""

    creative_id: CreativeId
    """This creative."""
    position: int = Field(ge=0)
    """Its place in the set, from 0."""
    platform: Platform
    """Where it is published."""
    format: CreativeFormat
    """Its format."""
    pillar_index: int = Field(ge=0)
    """The pillar it serves, from 0."""
    pillar_name: str
    """That pillar's name."""
    hook: str
    """The opening line (L-11)."""
    caption: str
    """The body text (L-12)."""
    cta: str
    """The call to action."""
    tone: Tone
    """The voice."""
    status: CreativeStatus
    """DRAFT until delivered."""
    revision: int = Field(ge=0)
    """How many times the caption was rewritten."""
    created_at: AwareDatetime
    """When it was produced."""


class CreativeSet(ContractModel):
    """The creatives produced for one strategy: three platforms times three pillars."""

    creative_set_id: CreativeSetId
    """This set."""
    client_id: ClientId
    """The client."""
    strategy_id: StrategyId
    """The strategy it was made from."""
    brand_name: str
    """The brand the creatives speak for."""
    creatives: tuple[Creative, ...]
    """The creatives, in position order."""


class CreativeReviewMark(ContractModel):
    """The client's review of one creative, as client review records it on the creative (Q-10)."""

    creative_id: CreativeId
    """The creative."""
    review_status: Optional[str] = None
    """The last decision on it (e.g. "APPROVED"); None before any feedback."""
    review_notes: Optional[str] = None
    """The notes of every round, one per line; None before any feedback."""
    review_round: int = Field(default=0, ge=0)
    """Change rounds it went through."""


class CalendarItem(ContractModel):
    """One day of the content calendar (L-13)."""

    day: int = Field(ge=1)
    """The day number, from 1."""
    date: dt.date
    """The calendar date."""
    platform: Platform
    """Where to post."""
    theme: CalendarTheme
    """The day's theme."""
    hook: str
    """The day's hook (from day 7 on the same one, Q-06)."""
    cta: str
    """The day's call to action."""


class ContentCalendar(ContractModel):
    """The calendar of a strategy, with the two renderings other modules consume."""

    strategy_id: StrategyId
    """The strategy it was built from."""
    items: tuple[CalendarItem, ...]
    """The days, in order: 30 for the quick_social pack, else 7."""
    text: str
    """The calendar rendered as markdown, the text QC scores."""
    csv: str
    """The calendar as the delivered calendar.csv."""
