"""L-13 and Q-06: the content calendar of a pack, its markdown rendering and its CSV."""
from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, timedelta

import attrs

__all__ = ["CalendarDay", "calendar_csv", "calendar_days", "calendar_for", "render_calendar"]

THEMES = ("Education", "Social proof", "Behind the scenes", "Offer", "Community", "FAQ", "Story")
LATER_THEME = "Content"
PLATFORMS = ("Instagram", "LinkedIn", "Twitter")
CTAS = (
    "Learn more",
    "Get started",
    "See how it works",
    "Book a call",
    "Download the guide",
    "Join the community",
    "Shop now",
)


@attrs.frozen
class CalendarDay:
    day: int
    date: date
    platform: str
    theme: str
    hook: str
    cta: str


def calendar_days(pack: str) -> int:
    return 30 if pack == "quick_social" else 7


def calendar_for(pack: str, pillar_names: Sequence[str], start: date) -> list[CalendarDay]:
    items = []
    for day in range(1, calendar_days(pack) + 1):
        theme = THEMES[day - 1] if day <= len(THEMES) else LATER_THEME
        # the hook index stops at day 7, so every later day repeats the day-7 hook
        hook_day = min(day, len(THEMES))
        pillar = pillar_names[(hook_day - 1) % len(pillar_names)]
        items.append(CalendarDay(
            day=day,
            date=start + timedelta(days=day - 1),
            platform=PLATFORMS[(day - 1) % len(PLATFORMS)],
            theme=theme,
            hook=f"{THEMES[hook_day - 1]}: {pillar}",
            cta=CTAS[(day - 1) % len(CTAS)],
        ))
    return items


def render_calendar(items: Sequence[CalendarDay]) -> str:
    lines = ["# Content calendar", ""]
    lines += [f"Day {i.day} ({i.date.isoformat()}), {i.platform}, {i.theme}: {i.hook}. {i.cta}." for i in items]
    return "\n".join(lines) + "\n"


def calendar_csv(items: Sequence[CalendarDay]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["day", "date", "platform", "theme", "hook", "cta"])
    for item in items:
        writer.writerow([item.day, item.date.isoformat(), item.platform, item.theme, item.hook, item.cta])
    return buffer.getvalue()
