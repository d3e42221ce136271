"""The content calendar (spec L-13)."""
from __future__ import annotations

from datetime import date, timedelta

from aicmo.domain import CalendarItem, StrategyDoc

THEMES = ["Education", "Social proof", "Behind the scenes", "Offer", "Community", "FAQ", "Story"]
LATER_THEME = "Content"
PLATFORMS = ["Instagram", "LinkedIn", "Twitter"]
CTAS = [
    "Learn more",
    "Get started",
    "See how it works",
    "Book a call",
    "Download the guide",
    "Join the community",
    "Shop now",
]


def calendar_days(pack: str) -> int:
    return 30 if pack == "quick_social" else 7


def generate_calendar(pack: str, strategy: StrategyDoc) -> list[CalendarItem]:
    start = date.today()
    items = []
    for day in range(1, calendar_days(pack) + 1):
        theme = THEMES[day - 1] if day <= len(THEMES) else LATER_THEME
        # the hook index stops at day 7, so every later day repeats the day-7 hook
        hook_day = min(day, len(THEMES))
        pillar = strategy.pillars[(hook_day - 1) % len(strategy.pillars)]
        hook = f"{THEMES[hook_day - 1]}: {pillar.name}"
        items.append(
            CalendarItem(
                day=day,
                date=start + timedelta(days=day - 1),
                platform=PLATFORMS[(day - 1) % len(PLATFORMS)],
                theme=theme,
                hook=hook,
                cta=CTAS[(day - 1) % len(CTAS)],
            )
        )
    return items


def render_calendar(items: list[CalendarItem]) -> str:
    lines = ["# Content calendar", ""]
    for item in items:
        lines.append(
            f"Day {item.day} ({item.date.isoformat()}), {item.platform}, {item.theme}: "
            f"{item.hook}. {item.cta}."
        )
    return "\n".join(lines) + "\n"


def calendar_csv(items: list[CalendarItem]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["day", "date", "platform", "theme", "hook", "cta"])
    for item in items:
        writer.writerow([item.day, item.date.isoformat(), item.platform, item.theme, item.hook, item.cta])
    return buffer.getvalue()
