"""The spec's numbers for retention (legacy-spec.md section 9, all ours)."""
from __future__ import annotations

# L-29: renewal risk weights
ENGAGEMENT_WEIGHT = 0.35
OVERDUE_WEIGHT = 0.25
LOW_ROAS_WEIGHT = 0.25
REJECTIONS_WEIGHT = 0.15

# L-29: days since the last engagement / 90, capped at 1
ENGAGEMENT_HORIZON_DAYS = 90

# L-29: the ROAS factor counts when ROAS < 1
LOW_ROAS_BELOW = 1.0

# L-29: level >= 0.6 high, >= 0.3 medium, else low
HIGH_RISK_AT = 0.6
MEDIUM_RISK_AT = 0.3

# L-30: churned after 120 days without engagement
CHURN_AFTER_DAYS = 120

# L-31: scale_budget at ROAS >= 3, worth 25% of the last proposal; add_channel worth 10,000
SCALE_BUDGET_ROAS = 3.0
SCALE_BUDGET_SHARE = 0.25
ADD_CHANNEL_VALUE = 10000.0
