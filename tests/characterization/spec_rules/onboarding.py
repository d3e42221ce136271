"""The spec's numbers and words for onboarding (legacy-spec section 1), as plain constants.

The boundary and partition tests build their inputs from these, not from legacy's own
constants, so a changed legacy constant shows as a changed snapshot.
"""
from __future__ import annotations

# L-01: the silent defaults of to_brief()
DEFAULT_INDUSTRY = "General"
DEFAULT_PRODUCT_SERVICE = "Products and services"
DEFAULT_GOAL = "Growth"  # also replaces the goal "other"
GOAL_REPLACED_BY_DEFAULT = "other"
DEFAULT_PRIMARY_CUSTOMER = "Target customers"
DEFAULT_TIMELINE = "90 days"

# L-02: request aliases; brand aliases are tried in this order
BRAND_ALIASES = ("brand", "company")
AUDIENCE_ALIAS = "audience"
GOAL_ALIAS = "goal"
# a missing brand becomes this, never an error
UNKNOWN_BRAND = "Unknown"

# section 1: the closed value sets of the intake
PRIMARY_GOALS = ("awareness", "leads", "sales", "engagement", "other")
PACKS = ("quick_social", "strategy_campaign", "full_funnel")
LIST_FIELDS = ("offers", "target_audiences", "pain_points", "desired_outcomes")

# L-03: the eight required fields, each missing one a BLOCKER finding
REQUIRED_FIELDS = (
    "brand_name", "website", "industry", "geography", "product_service",
    "target_audiences", "pain_points", "desired_outcomes",
)
REQUIRED_FIELD_COUNT = 8
MISSING_FIELD_SEVERITY = "BLOCKER"

# L-04 / Q-02: the project row a new client gets
INITIAL_PROJECT_STATE = "STRATEGY_DRAFT"
