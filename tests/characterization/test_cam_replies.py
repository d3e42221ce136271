"""CAM replies and next actions (spec section 10): classification, lead effects, timing, stop."""
from __future__ import annotations

import itertools
import json
from datetime import datetime, timedelta, timezone

import pytest

from aicmo.domain import LeadSnapshot
from backend.services.cam import next_action, replies
from backend.services.cam.campaigns import create_campaign_row, load_campaign
from backend.services.cam.leads_io import insert_lead
from tests.characterization import corpus

pytestmark = [pytest.mark.aicmo_evidence(module="cam", suite="characterization"), pytest.mark.legacy_internals("cam", "domain")]


def test_classification_of_every_corpus_reply(snapshot_json):
    """L-39: first match wins, in AUTO_REPLY, OOO, NEGATIVE, POSITIVE order; NEUTRAL over 10 characters."""
    assert snapshot_json == {f"{i:02d} {r['body']!r}": replies.classify_reply(r["body"]) for i, r in enumerate(corpus.replies())}


def test_processing_replies_updates_their_leads(legacy_session, db_effects, snapshot_json):
    """L-39 lead effects and tags; Q-22: last_replied_at stays empty; unknown senders have no lead."""
    campaign = create_campaign_row(legacy_session, load_campaign(None))
    for snapshot in corpus.leads():
        insert_lead(legacy_session, campaign.id, snapshot)
    processed, effects = db_effects(
        lambda: [replies.process_reply(legacy_session, r["email"], r["received_at"], r["body"]) for r in corpus.replies()],
        legacy_session,
    )
    assert snapshot_json == {"replies": processed, "lead_updates": effects["cam_leads"]["updated"], "tables": sorted(effects)}


def test_the_newest_lead_with_an_address_gets_the_reply(legacy_session, fixed_clock, snapshot_json):
    """Case-insensitive lookup; the most recently created lead wins."""
    campaign = create_campaign_row(legacy_session, load_campaign(None))
    old = insert_lead(legacy_session, campaign.id, LeadSnapshot(email="Same@Acme.com"))
    fixed_clock.tick(60)
    new = insert_lead(legacy_session, campaign.id, LeadSnapshot(email="same@acme.com"))
    reply = replies.process_reply(legacy_session, " SAME@acme.com ", datetime.now(timezone.utc), "Yes")
    assert snapshot_json == {"lead": "new" if reply.lead_id == new.id else "old" if reply.lead_id == old.id else None}


def _lead(session, campaign_id, status, score=None, tags=(), first_contacted_days=None):
    lead = insert_lead(session, campaign_id, LeadSnapshot(email=f"{status}@x.com"))
    lead.status, lead.lead_score, lead.tags = status, score, json.dumps(list(tags))
    if first_contacted_days is not None:
        lead.first_contacted_at = (datetime.now(timezone.utc) - timedelta(days=first_contacted_days)).replace(tzinfo=None)
    return lead


def test_the_next_action_and_stop_table(legacy_session, snapshot_json):
    """L-40 delays per status and score, Q-23 only attempt_2 waits a week; stop rules."""
    campaign = create_campaign_row(legacy_session, load_campaign(None))
    now = datetime.now(timezone.utc)
    table = {}
    cases = itertools.chain(
        [("NEW", None, ()), ("ENRICHED", None, ()), ("LOST", None, ()), ("QUALIFIED", None, ()), ("REJECTED", None, ())],
        [("ENRICHED", s, ()) for s in (0.0, 0.5, 0.9, 0.95, 1.0)],
        [("CONTACTED", None, t) for t in ((), ("attempt_2",), ("attempt_3",), ("attempt_2x",), ("do_not_contact",))],
        [("REPLIED", None, ())],
    )
    for status, score, tags in cases:
        lead = _lead(legacy_session, campaign.id, status, score, tags)
        at = next_action.next_action_at(lead, now)
        table[f"{status} {score} {list(tags)}"] = {
            "delay": str(at - now) if at else None,
            "stop": next_action.should_stop(lead, now),
        }
    for days in (29, 30, 31):
        lead = _lead(legacy_session, campaign.id, "CONTACTED", first_contacted_days=days)
        table[f"contacted {days} days ago, no reply"] = next_action.should_stop(lead, now)
    assert snapshot_json == table
