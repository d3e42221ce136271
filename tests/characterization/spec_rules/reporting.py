"""The spec's numbers for reporting (legacy-spec.md section 7, and section 12's 30 simulated days)."""
from __future__ import annotations

# Section 12: the journey's report simulates 30 days of metrics
REPORT_DAYS = 30

# L-24: the top channels are the TWO with the highest ROAS
TOP_CHANNEL_COUNT = 2

# L-24: underperforming when ROAS < 0.7 x the average ROAS
UNDERPERFORMING_FACTOR = 0.7

# L-24: "critical" when conversions fall more than 10%, ROAS falls more than 15%, or CPA exceeds 50
CONVERSION_FALL_ALERT = -0.10
ROAS_FALL_ALERT = -0.15
CPA_ALERT = 50.0

# the "previous period" is 0.9 x the current one
PREVIOUS_PERIOD_FACTOR = 0.9

# L-25: outreach efficiency = 0.3 delivery rate + 0.5 reply rate + 0.2 CTR
EFFICIENCY_DELIVERY_WEIGHT = 0.3
EFFICIENCY_REPLY_WEIGHT = 0.5
EFFICIENCY_CTR_WEIGHT = 0.2

# L-25: time-decay weight 2^i for the i-th touch; position-based 40/20/40
TIME_DECAY_BASE = 2.0
POSITION_FIRST = 0.4
POSITION_MIDDLE = 0.2
POSITION_LAST = 0.4
ATTRIBUTION_MODELS = ("first_touch", "last_touch", "linear", "time_decay", "position_based")
