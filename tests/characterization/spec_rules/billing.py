"""The spec's numbers for billing (legacy-spec.md section 8)."""
from __future__ import annotations

# L-26: the proposal's lines (USD) and their total
CURRENCY = "USD"
PROPOSAL_LINES = [("Strategy", 15000.0), ("Creative", 10000.0), ("Campaign management", 25000.0)]
PROPOSAL_TOTAL = 50000.0

# L-26: paid 50/25/25 on signing, on delivery, and 30 days after delivery
PAYMENT_SCHEDULE = [("signing", 0.50), ("delivery", 0.25), ("final", 0.25)]
FINAL_INVOICE_DELAY_DAYS = 30
FINAL_INVOICE_STATUS = "scheduled"

# L-27 (ours): tax by geography; anything else 0%
TAX_RATES = {"UK": 0.20, "EU": 0.21, "IN": 0.18}
OTHER_TAX_RATE = 0.0

# L-27 (ours): due 15 days after issue; overdue AFTER the due date while unpaid
DUE_DAYS = 15

# each line and the tax are rounded with round(x, 2)
ROUND_DIGITS = 2
