"""The intake rules of spec section 1: reading a loose request (L-02), the brief (L-01), completeness (L-03)."""
from __future__ import annotations

from typing import Any, Literal, Mapping, Optional

from pydantic import BaseModel, ConfigDict, ValidationError

from aicmo.onboarding.api import ClientBrief, ClientIntake, IntakeCompleteness, IntakeField
from aicmo.shared.errors import ContractError

__all__ = ["IntakeRequestRefused", "brief_of", "completeness_of", "intake_from_request"]

# L-03, in the order the findings are reported
REQUIRED_FIELDS = tuple(IntakeField)
UNKNOWN_BRAND = "Unknown"


class IntakeRequestRefused(ContractError):
    """A request field that does not fit the intake; ``details["field"]`` names it."""

    # the code callers already know from the legacy path's refusal of the same request
    code = "translation_error"


class _IntakeForm(BaseModel):
    """The intake form as requests have always been read: lists, not tuples; unknown keys ignored.

    Its field types decide which requests are refused and with which message, so they are
    the form's, not the contract DTO's (which is stricter: tuples, enums, no extra keys).
    """

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
    primary_goal: Optional[Literal["awareness", "leads", "sales", "engagement", "other"]] = None
    timeline: Optional[str] = None
    budget: Optional[str] = None
    constraints: Optional[str] = None
    must_include: Optional[str] = None
    do_not_do: Optional[str] = None
    pack: Literal["quick_social", "strategy_campaign", "full_funnel"] = "strategy_campaign"
    contact_email: Optional[str] = None


def _with_aliases(request: Mapping[str, Any]) -> dict[str, Any]:
    data = dict(request)
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
        data["brand_name"] = UNKNOWN_BRAND  # no brand is no error
    return data


def intake_from_request(request: Mapping[str, Any]) -> ClientIntake:
    """L-02: brand/company, audience and goal read as their fields; the first bad field refused."""
    try:
        form = _IntakeForm.model_validate(_with_aliases(request))
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise IntakeRequestRefused(f"intake request: field '{field}': {first['msg']}", field=field) from None
    return ClientIntake.model_validate(form.model_dump(mode="json"))


def brief_of(intake: ClientIntake) -> ClientBrief:
    """L-01: the brief with the silent defaults filled in."""
    goal = intake.primary_goal.value if intake.primary_goal is not None else None
    if not goal or goal == "other":
        goal = "Growth"
    if intake.primary_customer:
        primary_customer = intake.primary_customer
    elif intake.target_audiences:
        primary_customer = intake.target_audiences[0]
    else:
        primary_customer = "Target customers"
    return ClientBrief.model_validate({
        "brand_name": intake.brand_name or UNKNOWN_BRAND,
        "website": intake.website or "",
        "industry": intake.industry or "General",
        "geography": intake.geography or "",
        "product_service": intake.product_service or "Products and services",
        "offers": intake.offers,
        "target_audiences": intake.target_audiences,
        "primary_customer": primary_customer,
        "pain_points": intake.pain_points,
        "desired_outcomes": intake.desired_outcomes,
        "primary_goal": goal,
        "timeline": intake.timeline or "90 days",
        "budget": intake.budget or "",
        "constraints": intake.constraints or "",
        "must_include": intake.must_include or "",
        "do_not_do": intake.do_not_do or "",
        "pack": intake.pack,
        "contact_email": intake.contact_email or "",
    })


def completeness_of(intake: ClientIntake) -> IntakeCompleteness:
    """L-03: each required field that is missing or empty; a blank string is not empty."""
    missing = tuple(
        field for field in REQUIRED_FIELDS
        if (value := getattr(intake, field.value)) is None or (isinstance(value, (str, tuple)) and len(value) == 0)
    )
    return IntakeCompleteness(missing_fields=missing, complete=not missing)
