"""CalendarItem: one day of the content calendar (spec section 3)."""
from __future__ import annotations

from datetime import date

from pydantic import BaseModel


class CalendarItem(BaseModel):
    day: int
    date: date
    platform: str
    theme: str
    hook: str
    cta: str
