"""The spec's numbers for client review (legacy-spec.md section 5, and section 12's simulated client)."""
from __future__ import annotations

# L-19 / L-20: the decisions a client may give, and the priorities of a requested change
DECISIONS = ("approved", "changes_requested", "rejected")
PRIORITIES = ("high", "medium", "low")

# L-20 (ours): estimated hours per requested change, by priority
HOURS_HIGH = 1.5
HOURS_MEDIUM = 1.0
HOURS_LOW = 0.5

# L-20 (ours): the estimate is rounded UP to the next half hour
HOURS_ROUNDING_STEP = 0.5

# L-20 (ours): the second round of changes_requested escalates to the account manager
ESCALATION_ROUND = 2
ESCALATED_STATUS = "escalated"

# a rejection writes this (non-canonical) project state
REJECTED_PROJECT_STATE = "REJECTED"

# Section 12: percent of brands (bucket = sha256(brand) mod 100) whose simulated client asks changes once
REVIEW_CHANGE_SHARE_DEFAULT = 25
REVIEW_BUCKETS = 100

# Section 12: the simulated client's one round of changes holds two requested changes
SIMULATED_CHANGE_COUNT = 2
