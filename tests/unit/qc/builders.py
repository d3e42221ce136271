"""A creative set, calendar and request for the new QC's tests, and a production port holding the set."""
from __future__ import annotations

import datetime as dt

from aicmo.production.api import CalendarItem, ContentCalendar, Creative, CreativeSet, CreativeSetNotFound
from aicmo.qc.api import PillarText, QcRequest, StrategyText

NOW = dt.datetime(2026, 1, 15, 10, 0, tzinfo=dt.timezone.utc)
CLIENT = "11111111-1111-4111-8111-111111111111"
STRATEGY = "22222222-2222-4222-8222-222222222222"


def creative(number: int, caption: str = "A caption long enough to pass the length rule.") -> Creative:
    return Creative(
        creative_id=f"00000000-0000-4000-8000-{number:012d}", position=number, platform="LinkedIn", format="post",
        pillar_index=number % 3, pillar_name="Pillar", hook=f"Hook number {number}", caption=caption, cta="Learn more",
        tone="professional", status="DRAFT", revision=0, created_at=NOW,
    )


def creative_set(*creatives: Creative) -> CreativeSet:
    return CreativeSet(creative_set_id=CLIENT, client_id=CLIENT, strategy_id=STRATEGY, brand_name="Brand",
                       creatives=creatives or (creative(0), creative(1)))


def calendar(hooks: tuple[str, ...] = tuple(f"Hook {d}" for d in range(1, 8))) -> ContentCalendar:
    items = tuple(CalendarItem(day=d, date=NOW.date() + dt.timedelta(days=d - 1), platform="Instagram",
                               theme="Education", hook=hook, cta="Learn more") for d, hook in enumerate(hooks, start=1))
    return ContentCalendar(strategy_id=STRATEGY, items=items, text="", csv="")


def request(produced: CreativeSet, missing: tuple[str, ...] = (), hooks: tuple[str, ...] = ()) -> QcRequest:
    strategy = StrategyText(executive_summary="Summary.", situation_analysis="Situation.", strategy_narrative="Narrative.",
                            pillars=(PillarText(name="Pillar", description="About it."),))
    return QcRequest(client_id=CLIENT, creative_set=produced, calendar=calendar(hooks) if hooks else calendar(), strategy=strategy,
                     missing_intake_fields=missing)


class HeldProduction:
    """The part of ProductionPort QC uses: get_creative_set over the sets it holds."""

    def __init__(self, *sets: CreativeSet) -> None:
        self.sets = {str(s.creative_set_id): s for s in sets}

    def get_creative_set(self, creative_set_id: str) -> CreativeSet:
        try:
            return self.sets[str(creative_set_id)]
        except KeyError:
            raise CreativeSetNotFound(f"creative set {creative_set_id} not found") from None
