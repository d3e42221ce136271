"""The spec's numbers and words for strategy (legacy-spec section 2), as plain constants."""
from __future__ import annotations

# L-05: exactly three pillars; missing ones padded
PILLAR_COUNT = 3
PADDED_PILLAR_NAME = "Growth Pillar {n}"
PADDED_KPI_IMPACT = "Increase qualified reach by 10%"

# L-06 (ours): channel budget split (percent) by primary goal; anything else gets DEFAULT_SPLIT
CHANNEL_SPLITS = {
    "awareness": [("social", 50), ("video", 30), ("search", 20)],
    "leads": [("search", 40), ("email", 30), ("social", 30)],
    "sales": [("search", 50), ("social", 30), ("email", 20)],
    "engagement": [("social", 60), ("email", 40)],
}
DEFAULT_SPLIT = [("social", 40), ("search", 30), ("email", 30)]

# L-07: the summary minimum and the case-insensitive placeholders
MIN_SUMMARY_LENGTH = 50
PLACEHOLDERS = ("TBD", "N/A", "TODO", "Not specified", "lorem ipsum", "{{")

# the fixed fallback summary is 38 characters, under the L-07 minimum
FALLBACK_SUMMARY_LENGTH = 38

# L-08: the stamps approval and rejection append to the campaign description
APPROVED_STAMP = "[Approved: {iso}]"
REJECTED_STAMP = "[Rejected: {reason}]"
