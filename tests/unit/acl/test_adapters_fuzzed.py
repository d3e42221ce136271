"""Generated intakes, leads and metric series through the adapters: a valid DTO or a contract error, nothing else.

A call refused with a contract error must leave every legacy table as it was.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from aicmo.cam.api import AcquisitionCampaign, InboundReply, LeadProfile, OutreachBatch
from aicmo.onboarding.api import ProjectState
from aicmo.orchestration.journey import run_client_journey
from aicmo.orchestration.ports import ModulePorts
from aicmo.reporting.api import ChannelDayMetrics, ReportRequest
from aicmo.shared.errors import ContractError

FUZZ = settings(
    max_examples=20, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
NOW = dt.datetime(2026, 1, 15, 10, 0, tzinfo=dt.timezone.utc)
CLIENT = "11111111-1111-4111-8111-111111111111"

text = st.text(max_size=40)
strings = st.lists(text, max_size=3)
GOALS = ["awareness", "leads", "sales", "engagement", "other", "Growth", "bogus", None, 7]
PACKS = ["quick_social", "strategy_campaign", "full_funnel", "gold", None]

intake_requests = st.fixed_dictionaries({}, optional={
    "brand_name": st.one_of(st.none(), text, st.integers()),
    "brand": text,
    "company": text,
    "website": st.one_of(st.none(), text),
    "industry": st.one_of(st.none(), text),
    "geography": st.sampled_from(["UK", "EU", "IN", "us", "", None]),
    "product_service": st.one_of(st.none(), text),
    "offers": st.one_of(strings, text),
    "target_audiences": strings,
    "audience": text,
    "pain_points": strings,
    "desired_outcomes": strings,
    "primary_goal": st.sampled_from(GOALS),
    "goal": st.sampled_from(GOALS),
    "pack": st.sampled_from(PACKS),
    "timeline": st.one_of(st.none(), text),
})

flags = st.booleans()
leads = st.builds(
    LeadProfile,
    name=text, email=st.one_of(text, st.emails()), company=text, title=st.one_of(text, st.sampled_from(["CEO", "Director", "VP Marketing"])),
    company_size=st.sampled_from([None, "1-10", "51-200", "1000+"]), industry=st.one_of(st.none(), text),
    revenue=st.one_of(st.none(), st.decimals(min_value=0, max_value=10**9, places=2)),
    country=st.one_of(st.none(), st.sampled_from(["US", "UK", "DE"])), region=st.one_of(st.none(), text),
    job_change=flags, funded=flags, hiring=flags, recent_activity=flags, decision_maker=flags, budget_authority=flags,
    budget=st.one_of(st.none(), text), timeline=st.one_of(st.none(), text), pain_points=st.one_of(st.none(), text),
)

day_metrics = st.builds(
    ChannelDayMetrics,
    channel=st.sampled_from(["search", "social", "email", "video"]),
    day=st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2026, 12, 31)),
    impressions=st.integers(0, 10**7), clicks=st.integers(0, 10**6), conversions=st.integers(0, 10**5),
    spend=st.decimals(min_value=0, max_value=10**6, places=2), revenue=st.decimals(min_value=0, max_value=10**7, places=2),
)


def dto_or_contract_error(memory_db, call: Callable[..., Any], *args: Any) -> Any:
    """The call's DTO (or tuple of DTOs), or None when it raised a contract error and wrote nothing."""
    before = memory_db.dump()
    try:
        result = call(*args)
    except ContractError:
        assert before == memory_db.dump()
        return None
    items = result if isinstance(result, tuple) else (result,)
    assert all(isinstance(item, BaseModel) for item in items)
    return result


class CheckedPort:
    """A port whose every call must give DTOs, or a contract error that wrote nothing (then re-raised)."""

    def __init__(self, port: Any, memory_db: Any) -> None:
        self._port, self._db = port, memory_db

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(self._port, name)

        def checked(*args: Any, **kwargs: Any) -> Any:
            before = self._db.dump()
            try:
                result = method(*args, **kwargs)
            except ContractError:
                assert before == self._db.dump()
                raise
            items = result if isinstance(result, tuple) else (result,)
            assert all(isinstance(item, BaseModel) or item is None for item in items)
            return result

        return checked


@FUZZ
@given(request=intake_requests)
def test_generated_intakes_through_a_whole_journey(ports, memory_db, request):
    """Each intake request goes through all ten ports as DTOs, or stops at a contract error that wrote nothing."""
    checked = ModulePorts(**{name: CheckedPort(getattr(ports, name), memory_db) for name in ModulePorts.__dataclass_fields__})
    try:
        intake = checked.onboarding.read_intake_request(request)
        checked.onboarding.build_brief(intake)
        outcome = run_client_journey(checked, intake, out_dir="out")
    except ContractError:
        return
    assert ProjectState.DELIVERED == outcome.project.state


@FUZZ
@given(profiles=st.lists(leads, min_size=1, max_size=4), body=text)
def test_generated_leads_through_every_cam_step(ports, memory_db, profiles, body):
    """Import, score, qualify, grade, route, send, reply, convert, next action: DTOs or contract errors."""
    key = f"{profiles!r}{body!r}"
    campaign = ports.cam.create_campaign(AcquisitionCampaign(name="Fuzz"), f"campaign:{key}")
    imported = dto_or_contract_error(memory_db, lambda: ports.cam.import_leads(campaign.campaign_id, tuple(profiles), f"import:{key}"))
    ids = tuple(lead.lead_id for lead in imported or ())
    for mode in ("single", "batch"):
        dto_or_contract_error(memory_db, ports.cam.score_leads, campaign.campaign_id, ids, mode)
    dto_or_contract_error(memory_db, lambda: ports.cam.qualify_leads(campaign.campaign_id, ids, f"qualify:{key}"))
    dto_or_contract_error(memory_db, lambda: ports.cam.grade_leads(ids))
    for lead_id in ids:
        dto_or_contract_error(memory_db, ports.cam.route_lead, lead_id)
        dto_or_contract_error(memory_db, ports.cam.plan_next_action, lead_id, NOW)
    dto_or_contract_error(memory_db, lambda: ports.cam.send_outreach(OutreachBatch(campaign_id=campaign.campaign_id, lead_ids=ids), f"send:{key}"))
    email = profiles[0].email or "nobody@example.org"
    reply = dto_or_contract_error(memory_db, lambda: ports.cam.process_reply(InboundReply(email=email, received_at=NOW, body=body), f"reply:{key}"))
    if reply is not None:
        conversion = ports.cam.convert_reply(reply.reply_id, f"convert:{key}")
        assert conversion is None or isinstance(conversion, BaseModel)


@FUZZ
@given(series=st.lists(day_metrics, min_size=1, max_size=6))
def test_generated_metric_series_through_reporting(ports, memory_db, series):
    """A report of any metric series is a PerformanceReport or a contract error that wrote nothing."""
    request = ReportRequest(client_id=CLIENT, channels=tuple(sorted({m.channel for m in series})), metrics=tuple(series))
    report = dto_or_contract_error(memory_db, lambda: ports.reporting.generate_report(request, f"report:{series!r}"))
    if report is not None:
        assert report == ports.reporting.get_report(report.report_id)
