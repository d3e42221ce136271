"""The shared business models every legacy area imports (the god module)."""
from aicmo.domain.calendar import CalendarItem
from aicmo.domain.creative import CreativeVariant
from aicmo.domain.intake import ClientIntake
from aicmo.domain.invoice import Invoice, InvoiceLine
from aicmo.domain.lead import LeadSnapshot
from aicmo.domain.project import IllegalStateTransition, Project, ProjectState
from aicmo.domain.strategy import ChannelSplit, Kpi, Pillar, StrategyDoc

__all__ = [
    "CalendarItem",
    "ChannelSplit",
    "ClientIntake",
    "CreativeVariant",
    "IllegalStateTransition",
    "Invoice",
    "InvoiceLine",
    "Kpi",
    "LeadSnapshot",
    "Pillar",
    "Project",
    "ProjectState",
    "StrategyDoc",
]
