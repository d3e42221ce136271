"""CamPort contract: campaign, leads, scoring, qualification, grading, routing, outreach, replies."""
from __future__ import annotations

import datetime as dt

import pytest

from aicmo.cam.api import (
    CampaignNotFound,
    InboundReply,
    LeadNotFound,
    LeadStatus,
    OutreachBatch,
    OutreachOutcome,
    QualificationStatus,
    RejectionReason,
    ReplyCategory,
    ReplyNotFound,
)
from tests.port_suites.builders import CAMPAIGN, COLD, HOT, NOW, UNKNOWN, scored_leads

pytestmark = pytest.mark.aicmo_evidence(module="cam", suite="contract")


def ids(leads):
    return tuple(lead.lead_id for lead in leads)


def test_create_campaign_keeps_the_settings(ports):
    """The campaign's settings read back as given."""
    assert CAMPAIGN == ports.cam.create_campaign(CAMPAIGN, "c1").settings


def test_get_campaign_reads_back_the_created_campaign(ports):
    """The campaign as create_campaign returned it."""
    campaign = ports.cam.create_campaign(CAMPAIGN, "c1")
    assert campaign == ports.cam.get_campaign(campaign.campaign_id)


def _outcome(lead):
    """What the acquisition steps found out about a lead, apart from its ids."""
    return lead.model_dump(exclude={"lead_id", "campaign_id"})


@pytest.mark.parametrize("mode", ["single", "batch"])
def test_a_lead_batch_ends_as_the_steps_one_by_one(ports, mode):
    """import_lead_batch = import, score, qualify, grade and route (the qualified), in one transaction."""
    stepwise = ports.cam.create_campaign(CAMPAIGN, "c1")
    leads = ports.cam.import_leads(stepwise.campaign_id, (HOT, COLD), "i1")
    ports.cam.score_leads(stepwise.campaign_id, ids(leads), mode)
    ports.cam.qualify_leads(stepwise.campaign_id, ids(leads), "q1")
    for lead in ports.cam.grade_leads(ids(leads)):
        if lead.qualification.status is QualificationStatus.QUALIFIED:
            ports.cam.route_lead(lead.lead_id)
    expected = [_outcome(ports.cam.get_lead(lead.lead_id)) for lead in leads]

    batched = ports.cam.create_campaign(CAMPAIGN, "c2")
    batch = ports.cam.import_lead_batch(batched.campaign_id, (HOT, COLD), mode, "b1")
    assert expected == [_outcome(lead) for lead in batch]
    assert ids(batch) == ids(ports.cam.list_leads(batched.campaign_id))


def test_get_leads_answers_the_leads_asked_in_the_order_asked(ports):
    """A page of leads read at once is the leads read one by one, in the order asked, whatever the campaign."""
    first = ports.cam.create_campaign(CAMPAIGN, "c1")
    second = ports.cam.create_campaign(CAMPAIGN, "c2")
    hot, cold = ports.cam.import_lead_batch(first.campaign_id, (HOT, COLD), "single", "b1")
    (other,) = ports.cam.import_lead_batch(second.campaign_id, (COLD,), "single", "b2")
    asked = (cold.lead_id, other.lead_id, hot.lead_id)
    assert tuple(ports.cam.get_lead(lead_id) for lead_id in asked) == ports.cam.get_leads(asked)
    assert () == ports.cam.get_leads(())


def test_a_lead_batch_sent_again_with_its_key_imports_nothing_twice(ports):
    """The same idempotency key gives the same leads back and no new ones."""
    campaign = ports.cam.create_campaign(CAMPAIGN, "c1")
    first = ports.cam.import_lead_batch(campaign.campaign_id, (HOT, COLD), "single", "b1")
    again = ports.cam.import_lead_batch(campaign.campaign_id, (HOT, COLD), "single", "b1")
    assert ids(first) == ids(again) == ids(ports.cam.list_leads(campaign.campaign_id))


def test_next_actions_planned_together_are_the_ones_planned_alone(ports):
    """plan_next_actions gives, lead by lead, what plan_next_action gives (L-40)."""
    alone = ports.cam.create_campaign(CAMPAIGN, "c1")
    together = ports.cam.create_campaign(CAMPAIGN, "c2")
    singles = [ports.cam.plan_next_action(lead.lead_id, NOW)
               for lead in ports.cam.import_lead_batch(alone.campaign_id, (HOT, COLD), "single", "b1")]
    planned = ports.cam.plan_next_actions(ids(ports.cam.import_lead_batch(together.campaign_id, (HOT, COLD), "single", "b2")), NOW)
    assert [(a.next_action_at, a.stop) for a in singles] == [(a.next_action_at, a.stop) for a in planned]


def test_import_leads_adds_new_leads_in_file_order(ports):
    """Every lead starts NEW, in the order given; list_leads keeps that order."""
    campaign = ports.cam.create_campaign(CAMPAIGN, "c1")
    leads = ports.cam.import_leads(campaign.campaign_id, (HOT, COLD), "i1")
    assert ([HOT.email, COLD.email], {LeadStatus.NEW}) == ([l.profile.email for l in leads], {l.status for l in leads})
    assert leads == ports.cam.list_leads(campaign.campaign_id)


def test_import_into_an_unknown_campaign_is_not_found(ports):
    """CampaignNotFound for an unknown campaign."""
    with pytest.raises(CampaignNotFound):
        ports.cam.import_leads(UNKNOWN, (HOT,), "i1")


def test_single_scoring_ranks_the_target_lead_above_the_stranger(ports):
    """The lead matching every target scores HOT, the stranger lower (L-32..L-34)."""
    _, (hot, cold) = scored_leads(ports)
    assert ("HOT", True) == (hot.score.tier.value, cold.score.lead_score < hot.score.lead_score)


def test_batch_scoring_never_reaches_the_qualifying_score(ports):
    """Batch scoring ignores the targets, so even the best lead stays below 0.70 (Q-16)."""
    campaign = ports.cam.create_campaign(CAMPAIGN, "c1")
    leads = ports.cam.import_leads(campaign.campaign_id, (HOT,), "i1")
    (scored,) = ports.cam.score_leads(campaign.campaign_id, ids(leads), "batch")
    assert scored.score.lead_score < 0.70


def test_qualification_rejects_a_low_score(ports):
    """A score under 0.70 is REJECTED with LOW_ICP_FIT; the good lead qualifies (L-35)."""
    campaign_id, leads = scored_leads(ports)
    hot, cold = ports.cam.qualify_leads(campaign_id, ids(leads), "q1")
    assert (QualificationStatus.QUALIFIED, RejectionReason.LOW_ICP_FIT) == (hot.qualification.status, cold.qualification.reason)


def test_grading_gives_the_budgeted_hot_lead_an_a(ports):
    """Score, budget and timeline make an A (L-37)."""
    _, leads = scored_leads(ports)
    assert "A" == ports.cam.grade_leads(ids(leads))[0].grade.value


def test_routing_sends_the_hot_lead_to_the_aggressive_close(ports):
    """Effective score of 0.85 or more: aggressive_close (L-36)."""
    _, (hot, _) = scored_leads(ports)
    assert "aggressive_close" == ports.cam.route_lead(hot.lead_id).routing_sequence.value


def test_routing_an_unknown_lead_is_not_found(ports):
    """LeadNotFound for an unknown lead."""
    with pytest.raises(LeadNotFound):
        ports.cam.route_lead(UNKNOWN)


def test_outreach_sends_once_and_never_twice(ports):
    """The first send is sent and the lead CONTACTED; the same step again is a duplicate (L-38, Q-21)."""
    campaign_id, (hot,) = scored_leads(ports, HOT)
    batch = OutreachBatch(campaign_id=campaign_id, lead_ids=(hot.lead_id,))
    (first,) = ports.cam.send_outreach(batch, "s1")
    (second,) = ports.cam.send_outreach(batch, "s2")
    assert (OutreachOutcome.SENT, OutreachOutcome.DUPLICATE) == (first.outcome, second.outcome)
    assert LeadStatus.CONTACTED == ports.cam.get_lead(hot.lead_id).status


def test_a_positive_reply_marks_the_lead_replied(ports):
    """POSITIVE, and the lead REPLIED (L-39)."""
    _, (hot, _) = scored_leads(ports)
    reply = ports.cam.process_reply(InboundReply(email=HOT.email, received_at=NOW, body="Yes, let's have a call"), "r1")
    assert (ReplyCategory.POSITIVE, hot.lead_id, LeadStatus.REPLIED) == (reply.category, reply.lead_id, ports.cam.get_lead(hot.lead_id).status)


def test_a_positive_reply_of_an_a_lead_converts(ports):
    """The conversion carries the lead's company as the brand (L-41)."""
    _, leads = scored_leads(ports)
    ports.cam.grade_leads(ids(leads))
    reply = ports.cam.process_reply(InboundReply(email=HOT.email, received_at=NOW, body="Yes, sounds good"), "r1")
    conversion = ports.cam.convert_reply(reply.reply_id, "v1")
    assert (leads[0].lead_id, HOT.company) == (conversion.lead_id, conversion.intake.brand_name)


def test_a_negative_reply_does_not_convert(ports):
    """None for a reply that is not positive."""
    _, leads = scored_leads(ports)
    ports.cam.grade_leads(ids(leads))
    reply = ports.cam.process_reply(InboundReply(email=HOT.email, received_at=NOW, body="Not interested"), "r1")
    assert None is ports.cam.convert_reply(reply.reply_id, "v1")


def test_converting_an_unknown_reply_is_not_found(ports):
    """ReplyNotFound for an unknown reply."""
    with pytest.raises(ReplyNotFound):
        ports.cam.convert_reply(UNKNOWN, "v1")


def test_a_new_lead_is_touched_again_in_five_minutes(ports):
    """NEW: next action five minutes on, not stopped (L-40)."""
    campaign = ports.cam.create_campaign(CAMPAIGN, "c1")
    (lead,) = ports.cam.import_leads(campaign.campaign_id, (COLD,), "i1")
    action = ports.cam.plan_next_action(lead.lead_id, NOW)
    assert (NOW + dt.timedelta(minutes=5), False) == (action.next_action_at, action.stop)


@pytest.mark.parametrize("call", [
    lambda c: c.get_lead(UNKNOWN),
    lambda c: c.plan_next_action(UNKNOWN, NOW),
    lambda c: c.plan_next_actions((UNKNOWN,), NOW),
    lambda c: c.grade_leads((UNKNOWN,)),
    lambda c: c.get_leads((UNKNOWN,)),
], ids=["get_lead", "plan_next_action", "plan_next_actions", "grade_leads", "get_leads"])
def test_an_unknown_lead_is_not_found(ports, call):
    """LeadNotFound for an unknown lead id."""
    with pytest.raises(LeadNotFound):
        call(ports.cam)


@pytest.mark.parametrize("call", [
    lambda c: c.get_campaign(UNKNOWN),
    lambda c: c.import_lead_batch(UNKNOWN, (HOT,), "single", "b"),
    lambda c: c.list_leads(UNKNOWN),
    lambda c: c.score_leads(UNKNOWN, (), "single"),
    lambda c: c.qualify_leads(UNKNOWN, (), "q"),
    lambda c: c.send_outreach(OutreachBatch(campaign_id=UNKNOWN, lead_ids=()), "s"),
], ids=["get_campaign", "import_lead_batch", "list_leads", "score_leads", "qualify_leads", "send_outreach"])
def test_an_unknown_campaign_is_not_found(ports, call):
    """CampaignNotFound for an unknown campaign id."""
    with pytest.raises(CampaignNotFound):
        call(ports.cam)
