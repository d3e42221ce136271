"""CAM translation: legacy campaign model, lead/attempt/reply rows <-> CAM DTOs."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any, Optional

from acl._support.errors import TranslationError
from acl._support.translate import build, legacy_value
from acl.cam.times import NextActionMemory, restore, utc_instant
from aicmo.cam.api import (
    AcquisitionCampaign,
    Campaign,
    Lead,
    LeadProfile,
    OutreachAttempt,
    OutreachResult,
    ProcessedReply,
    ProspectIntake,
)
from aicmo.domain import ClientIntake as LegacyIntake
from aicmo.domain import LeadSnapshot
from backend.db.models import CampaignRow, LeadRow, OutreachAttemptRow, ReplyRow
from backend.services.cam.campaigns import AcquisitionCampaign as LegacyCampaign

__all__ = [
    "campaign_from_legacy",
    "campaign_from_row",
    "campaign_to_legacy",
    "lead_from_row",
    "profile_from_legacy",
    "profile_to_legacy",
    "prospect_from_legacy",
    "reply_from_row",
    "result_from_legacy",
]


def campaign_to_legacy(campaign: AcquisitionCampaign) -> LegacyCampaign:
    data = legacy_value(campaign)
    revenue = data["targets"]["revenue_range"]
    # legacy keeps the revenue range as a (low, high) pair
    data["targets"]["revenue_range"] = None if revenue is None else (revenue["low"], revenue["high"])
    return build(LegacyCampaign, data, "acquisition campaign")


def campaign_from_legacy(campaign: LegacyCampaign) -> AcquisitionCampaign:
    data = campaign.model_dump(mode="json")
    revenue = data["targets"]["revenue_range"]
    data["targets"]["revenue_range"] = None if revenue is None else {"low": revenue[0], "high": revenue[1]}
    return build(AcquisitionCampaign, data, "legacy campaign")


def stored_campaign(row: CampaignRow) -> LegacyCampaign:
    try:
        raw = json.loads(row.settings_json or "")
    except ValueError:
        raise TranslationError(f"cam_campaigns {row.id}: field 'settings_json' is not JSON", field="settings_json") from None
    return build(LegacyCampaign, raw, "cam_campaigns.settings_json")


def campaign_from_row(row: CampaignRow) -> Campaign:
    return build(
        Campaign,
        {"campaign_id": row.id, "settings": campaign_from_legacy(stored_campaign(row)), "created_at": utc_instant(row.created_at)},
        "cam_campaigns",
    )


def profile_to_legacy(profile: LeadProfile) -> LeadSnapshot:
    return build(LeadSnapshot, legacy_value(profile), "lead profile")


def profile_from_legacy(snapshot: LeadSnapshot) -> LeadProfile:
    return build(LeadProfile, snapshot.model_dump(), "legacy lead")


def _tags(row: LeadRow) -> tuple[str, ...]:
    try:
        tags = json.loads(row.tags or "[]")
    except ValueError:
        tags = None
    if not isinstance(tags, list):
        raise TranslationError(f"cam_leads {row.id}: field 'tags' is not a JSON list", field="tags")
    return tuple(tags)


_PROFILE_COLUMNS = tuple(LeadSnapshot.model_fields)


def lead_from_row(row: LeadRow, next_actions: Optional[NextActionMemory] = None) -> Lead:
    """The lead DTO; ``next_actions`` gives back the offset of a next action legacy set in memory (acl.cam.times).

    Validated once, the profile included; the columns are read from the row's loaded state,
    through the ORM only if one is not loaded.
    """
    loaded = row.__dict__

    def column(name: str) -> Any:
        return loaded[name] if name in loaded else getattr(row, name)

    score = None
    if column("icp_fit") is not None:
        score = {"icp_fit": column("icp_fit"), "opportunity": column("opportunity"), "lead_score": column("lead_score"),
                 "tier": column("tier")}
    qualification = None
    if column("qualification_status") is not None:
        qualification = {"status": column("qualification_status"), "reason": column("rejection_reason"),
                         "intent_score": column("intent_score")}
    lead_id, next_action_at = column("id"), column("next_action_at")
    return build(
        Lead,
        {
            "lead_id": lead_id,
            "campaign_id": column("campaign_id"),
            # the profile columns legacy's snapshot reads (LeadSnapshot's fields), straight from the row: the
            # DTO's own validation checks them, without legacy's model in between
            "profile": {name: column(name) for name in _PROFILE_COLUMNS},
            "score": score,
            "tags": _tags(row),
            "status": column("status"),
            "qualification": qualification,
            "grade": column("grade"),
            "routing_sequence": column("routing_sequence"),
            "notes": column("notes") or "",
            "next_action_at": (
                next_actions.next_action_at(lead_id, next_action_at) if next_actions else utc_instant(next_action_at)
            ),
            "first_contacted_at": utc_instant(column("first_contacted_at")),
            "last_contacted_at": utc_instant(column("last_contacted_at")),
            "last_replied_at": utc_instant(column("last_replied_at")),
            "created_at": utc_instant(column("created_at")),
        },
        f"cam_leads {lead_id}",
    )


def _attempt(row: OutreachAttemptRow) -> OutreachAttempt:
    return build(
        OutreachAttempt,
        {
            "attempt_id": row.id, "lead_id": row.lead_id, "campaign_id": row.campaign_id, "channel": row.channel,
            "sequence_step": row.sequence_step, "message_hash": row.message_hash, "subject": row.subject,
            "body": row.body, "status": row.status, "simulated": row.simulated, "error": row.error,
            "attempted_at": utc_instant(row.attempted_at),
        },
        f"cam_outreach_attempts {row.id}",
    )


def result_from_legacy(lead_id: str, outcome: str, attempt: Optional[OutreachAttemptRow]) -> OutreachResult:
    return build(
        OutreachResult,
        {"lead_id": lead_id, "outcome": outcome, "attempt": None if attempt is None else _attempt(attempt)},
        "legacy outreach result",
    )


def reply_from_row(row: ReplyRow, received_at: Optional[dt.datetime] = None) -> ProcessedReply:
    """The processed reply; ``received_at`` is the time legacy was handed, offset included (acl.cam.times)."""
    return build(
        ProcessedReply,
        {
            "reply_id": row.id, "email": row.email, "lead_id": row.lead_id, "category": row.category,
            "confidence": row.confidence, "received_at": restore(row.received_at, received_at), "processed_at": utc_instant(row.processed_at),
        },
        f"cam_replies {row.id}",
    )


def prospect_from_legacy(intake: LegacyIntake) -> ProspectIntake:
    data: dict[str, Any] = intake.model_dump()
    prefilled = {k: v for k, v in data.items() if k in ProspectIntake.model_fields and v is not None}
    return build(ProspectIntake, prefilled, "legacy conversion intake")
