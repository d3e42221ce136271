"""ClientIntake: what a new client tells us (spec section 1)."""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict

Pack = Literal["quick_social", "strategy_campaign", "full_funnel"]
PrimaryGoal = Literal["awareness", "leads", "sales", "engagement", "other"]

REQUIRED_FIELDS = [
    "brand_name",
    "website",
    "industry",
    "geography",
    "product_service",
    "target_audiences",
    "pain_points",
    "desired_outcomes",
]


class ClientIntake(BaseModel):
    model_config = ConfigDict(extra="ignore")

    brand_name: Optional[str] = None
    website: Optional[str] = None
    industry: Optional[str] = None
    geography: Optional[str] = None
    product_service: Optional[str] = None
    offers: list[str] = []
    target_audiences: list[str] = []
    primary_customer: Optional[str] = None
    pain_points: list[str] = []
    desired_outcomes: list[str] = []
    primary_goal: Optional[PrimaryGoal] = None
    timeline: Optional[str] = None
    budget: Optional[str] = None
    constraints: Optional[str] = None
    must_include: Optional[str] = None
    do_not_do: Optional[str] = None
    pack: Pack = "strategy_campaign"
    contact_email: Optional[str] = None

    @classmethod
    def from_request(cls, data: dict[str, Any]) -> "ClientIntake":
        """Build an intake from a loose request dict, accepting the old aliases."""
        data = dict(data)
        if "brand_name" not in data:
            for alias in ("brand", "company"):
                if alias in data:
                    data["brand_name"] = data.pop(alias)
                    break
        if "audience" in data and "target_audiences" not in data:
            data["target_audiences"] = [data.pop("audience")]
        if "goal" in data and "primary_goal" not in data:
            data["primary_goal"] = data.pop("goal")
        if not data.get("brand_name"):
            data["brand_name"] = "Unknown"
        return cls.model_validate(data)

    def missing_fields(self) -> list[str]:
        missing = []
        for name in REQUIRED_FIELDS:
            value = getattr(self, name)
            if value is None or (isinstance(value, (str, list)) and len(value) == 0):
                missing.append(name)
        return missing

    def to_brief(self) -> dict[str, Any]:
        """The brief the rest of the system works from, with the silent defaults filled in."""
        goal = self.primary_goal
        if not goal or goal == "other":
            goal = "Growth"
        if self.primary_customer:
            primary_customer = self.primary_customer
        elif self.target_audiences:
            primary_customer = self.target_audiences[0]
        else:
            primary_customer = "Target customers"
        return {
            "brand_name": self.brand_name or "Unknown",
            "website": self.website or "",
            "industry": self.industry or "General",
            "geography": self.geography or "",
            "product_service": self.product_service or "Products and services",
            "offers": list(self.offers),
            "target_audiences": list(self.target_audiences),
            "primary_customer": primary_customer,
            "pain_points": list(self.pain_points),
            "desired_outcomes": list(self.desired_outcomes),
            "primary_goal": goal,
            "timeline": self.timeline or "90 days",
            "budget": self.budget or "",
            "constraints": self.constraints or "",
            "must_include": self.must_include or "",
            "do_not_do": self.do_not_do or "",
            "pack": self.pack,
            "contact_email": self.contact_email or "",
        }
