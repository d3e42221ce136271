"""The characterization corpus: intakes, leads, replies, campaigns and metric series.

Leads and replies are read with the legacy CSV readers, so the readers are pinned as well.
"""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

CORPUS = Path(__file__).resolve().parent / "corpus"

# the intakes every whole journey runs over (by the operator flow and through the ports)
JOURNEY_INTAKES = [
    "complete_uk_strategy_sales", "complete_eu_full_funnel_leads", "complete_in_strategy_awareness",
    "quick_social_us_engagement", "full_funnel_other_geography_canada", "alias_brand_audience_goal",
    "empty_request", "unicode_brand", "punctuation_heavy_brand", "cliche_and_claim_heavy",
    "placeholder_outcome_rejected", "no_outcomes_padded_pillars", "long_descriptions", "brand_alias_before_company",
]


def _json(name: str) -> Any:
    return json.loads((CORPUS / name).read_text(encoding="utf-8"))


def intakes() -> list[dict[str, Any]]:
    """[{"id", "data"}]: raw intake requests, as a client or a form would send them."""
    return _json("intakes.json")


def intake_ids() -> list[str]:
    return [item["id"] for item in intakes()]


def intake(intake_id: str) -> dict[str, Any]:
    return next(item["data"] for item in intakes() if item["id"] == intake_id)


def leads() -> list[Any]:
    from backend.services.cam.leads_io import read_leads_csv

    return read_leads_csv(CORPUS / "leads.csv")


def replies() -> list[dict[str, Any]]:
    from backend.services.cam.leads_io import read_replies_csv

    return read_replies_csv(CORPUS / "replies.csv")


def campaigns() -> dict[str, Any]:
    """Campaign files by id; None is "no campaign file" (the bundled example)."""
    return _json("campaigns.json")


def metric_series() -> dict[str, list[SimpleNamespace]]:
    """Report metric rows by series id, as objects with the ReportMetricRow attributes."""
    return {name: [SimpleNamespace(**row) for row in rows] for name, rows in _json("metric_series.json").items()}
