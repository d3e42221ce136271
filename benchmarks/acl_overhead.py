"""What the anti-corruption layer costs: each module's main port method against calling legacy directly.

For every module, ``legacy`` runs the legacy calls the adapter makes, in a session opened and
committed the same way, and returns the legacy objects; ``adapter`` is the port call, through
the adapter the application installs (`legacy_ports()`). Their difference (the median of each
round's, as both calls of a round share the machine's moment) is what the ACL adds per call (translation, ownership monitor, and for a keyed call the durable idempotency record
written in legacy's transaction, as the application runs it: the records table is made in the
benchmark's database). ``translation`` is the legacy -> DTO translation alone of the DTO that
call returns, and ``model_validate`` is pydantic validating that same DTO from its own data
(`Model.model_validate(dto.model_dump())`): the floor a translation is measured against.

The four paths of a port method are interleaved round by round (benchmarks/measure.py); the
two short ones run ``--repeat`` times per sample. CPU and wall, median (interquartile range), on
an in-memory SQLite database; the table is written between the ``acl-overhead`` markers of
README.md and the headlines to benchmarks/results/acl_overhead.json.

    python benchmarks/acl_overhead.py               # 200 rounds per port method
    python benchmarks/acl_overhead.py --rounds 20 --print-only
"""
from __future__ import annotations

import argparse
import logging
import statistics
import sys
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Headline, Samples, interleaved, load_average, write_headlines  # noqa: E402

from acl.billing.translation import invoice_from_row
from acl.cam.translation import lead_from_row, stored_campaign
from acl.client_review.translation import creative_reviews, qc_to_legacy
from acl.delivery.translation import package_from_legacy
from acl.delivery.translation import strategy_stand_in as markdown_stand_in
from acl._support.project_rows import _translated as kept_projects
from acl.onboarding.translation import intake_to_legacy, project_from_row
from acl.production.translation import calendar_to_legacy, set_from_rows
from acl.qc.translation import intake_stand_in, result_from_legacy, strategy_stand_in
from acl.reporting.translation import report_from_legacy
from acl.retention.translation import assessment_from_legacy
from acl.strategy.translation import document_to_legacy, stored_document, strategy_from_row
from aicmo.billing.api import InvoiceRequest
from aicmo.cam.api import AcquisitionCampaign, LeadProfile
from aicmo.client_review.api import ReviewRequest
from aicmo.delivery.api import DeliveryRequest
from aicmo.onboarding.api import ClientIntake
from aicmo.orchestration.bootstrap import legacy_ports
from aicmo.orchestration.journey import run_client_journey
from aicmo.qc.api import PillarText, QcRequest, StrategyText
from aicmo.reporting.api import ReportRequest
from aicmo.retention.api import RetentionSignals
from aicmo.strangler.document_blocks import replace_block
from aicmo.legacy_harness.pytest_plugin import legacy_memory_database
from backend.db.models import CampaignRow, LeadRow
from backend.db.session import SessionLocal
from backend.services import billing, client_review, reporting
from backend.services.cam.scoring import score_lead
from backend.services.delivery import package_delivery
from backend.services.onboarding import create_client
from backend.services.production import creatives_for, produce_creatives
from backend.services.qc import evaluate_project
from backend.services.retention import assess_retention
from backend.services.strategy import draft_strategy

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- acl-overhead:begin -->", "<!-- acl-overhead:end -->"

INTAKE = ClientIntake(
    brand_name="Helix Analytics GmbH", website="https://helix.example", industry="B2B software", geography="EU",
    product_service="Analytics dashboards", target_audiences=("Logistics managers",), pain_points=("Late shipments",),
    desired_outcomes=("Demo requests",), primary_goal="leads", pack="full_funnel",
)


@contextmanager
def legacy_session() -> Iterator[Any]:
    session = SessionLocal()
    try:
        yield session
        session.commit()
    finally:
        session.close()


class Keys:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        return f"bench:{self.n}"


def cases(ports: Any, keys: Keys) -> list[tuple[str, Callable[[], Any], Callable[[], Any], Callable[[], Any]]]:
    """(module.method, legacy call, adapter call, translation of one result); production last but two, as it grows the set."""
    outcome = run_client_journey(ports, INTAKE, out_dir="out")
    client_id = str(outcome.project.client_id)
    acquisition = ports.cam.create_campaign(AcquisitionCampaign(name="Bench"), "bench-campaign")
    prospect = LeadProfile(name="A", email="a@b.io", company="B", title="CMO")
    (lead,) = ports.cam.import_leads(acquisition.campaign_id, (prospect,), "bench-lead")
    legacy_intake = intake_to_legacy(INTAKE)
    brief = outcome.project.brief.model_dump(mode="json")
    doc = document_to_legacy(outcome.drafted.document)
    strategy_text = StrategyText(
        executive_summary=doc.executive_summary, situation_analysis=doc.situation_analysis, strategy_narrative=doc.strategy_narrative,
        pillars=tuple(PillarText(name=p.name, description=p.description) for p in doc.pillars),
    )
    qc_request = QcRequest(client_id=client_id, creative_set=outcome.creatives, calendar=outcome.calendar, strategy=strategy_text)
    calendar = calendar_to_legacy(outcome.calendar)

    def with_session(work: Callable[[Any], Any]) -> Callable[[], Any]:
        def run() -> Any:
            with legacy_session() as session:
                return work(session)
        return run

    def row(session: Any, model: Any, key: str) -> Any:
        return session.get(model, key)

    with legacy_session() as session:
        project_row = row(session, CampaignRow, client_id)
        lead_row = row(session, LeadRow, str(lead.lead_id))
        invoice_row = billing.invoices_for(session, client_id)[0]
        creative_rows = creatives_for(session, client_id)
        plan_errors = stored_document(project_row).validation_errors()
        qc_legacy = evaluate_project(session, intake_stand_in(()), strategy_stand_in(strategy_text), creative_rows, calendar)
    with legacy_session() as session:
        report_legacy = reporting.generate_report(session, SimpleNamespace(id=client_id), ["search"])
        delivery_legacy = package_delivery(session, session.get(CampaignRow, client_id), markdown_stand_in("# Plan"),
                                           creative_rows[:3], calendar, "EU", "out")
    review_request = ReviewRequest(client_id=client_id, creative_set=outcome.creatives, qc_result=outcome.qc_rounds[-1])
    delivery_request = DeliveryRequest(
        client_id=client_id, client_name=outcome.project.name, project_state="QC_APPROVED", strategy_markdown="# Plan",
        creative_set=outcome.creatives, calendar=outcome.calendar, review=outcome.review, out_dir="out",
    )
    invoice_request = InvoiceRequest(project=outcome.project, milestone="signing", issue_date=outcome.billing.as_of)
    report_request = ReportRequest(client_id=client_id, channels=("search",))
    signals = RetentionSignals(
        client_id=client_id, last_engagement_at=outcome.retention.assessed_at, billing=outcome.billing, report=outcome.report,
        last_proposal=outcome.proposal, delivered=True, client_rejections=0, approved_in_first_round=True,
    )
    retention_legacy = {k: getattr(outcome.retention, k) for k in ("assessment_id", "days_since_engagement", "risk_score", "risk_level", "lifecycle_stage")}
    retention_legacy |= {"factors": outcome.retention.factors.model_dump(), "upsell": [u.model_dump() for u in outcome.retention.upsell]}

    return [
        ("client_review.open_review",
         with_session(lambda s: client_review.build_review_package(s.get(CampaignRow, client_id), creatives_for(s, client_id)[:9],
                                                                   qc_to_legacy(outcome.qc_rounds[-1]))),
         lambda: ports.client_review.open_review(review_request, keys()),
         lambda: creative_reviews(creative_rows[:9])),
        ("delivery.deliver_package",
         with_session(lambda s: package_delivery(s, s.get(CampaignRow, client_id), markdown_stand_in("# Plan"),
                                                 creatives_for(s, client_id)[:9], calendar, "EU", "out")),
         lambda: ports.delivery.deliver_package(delivery_request, keys()),
         lambda: package_from_legacy(delivery_legacy, client_id)),
        ("reporting.generate_report",
         with_session(lambda s: reporting.generate_report(s, SimpleNamespace(id=client_id), ["search"])),
         lambda: ports.reporting.generate_report(report_request, keys()),
         lambda: report_from_legacy(report_legacy, client_id, outcome.report.created_at)),
        ("onboarding.onboard_client",
         with_session(lambda s: create_client(s, legacy_intake)),
         lambda: ports.onboarding.onboard_client(INTAKE, keys()),
         # a row's first translation: the ACL keeps each translated project for the unchanged rows
         # read after it, which would otherwise time a cache lookup, not a translation
         lambda: (kept_projects.cache_clear(), project_from_row(project_row))[1]),
        ("strategy.draft_strategy",
         with_session(lambda s: (draft_strategy(brief), s.get(CampaignRow, client_id))),
         lambda: ports.strategy.draft_strategy(outcome.project, keys()),
         # as draft_strategy translates: with the plan's errors legacy's drafting found
         lambda: strategy_from_row(project_row, outcome.project.brief, errors=plan_errors)),
        ("qc.evaluate_creative_set",
         with_session(lambda s: evaluate_project(s, intake_stand_in(()), strategy_stand_in(strategy_text), creatives_for(s, client_id)[:9], calendar)),
         lambda: ports.qc.evaluate_creative_set(qc_request, keys()),
         lambda: result_from_legacy(qc_legacy, outcome.qc_rounds[0].qc_result_id, client_id, client_id, outcome.qc_rounds[0].evaluated_at)),
        ("production.produce_creatives",
         with_session(lambda s: produce_creatives(s, s.get(CampaignRow, client_id), brief, doc)),
         lambda: ports.production.produce_creatives(outcome.drafted, keys()),
         lambda: set_from_rows(client_id, "Helix", creative_rows)),
        ("cam.score_leads",
         with_session(lambda s: score_lead(s, s.get(LeadRow, str(lead.lead_id)), stored_campaign(s.get(CampaignRow, str(acquisition.campaign_id))))),
         lambda: ports.cam.score_leads(acquisition.campaign_id, (lead.lead_id,), "single"),
         lambda: lead_from_row(lead_row)),
        ("billing.issue_invoice",
         with_session(lambda s: s.add(billing.make_invoice(client_id, "signing", "EU", outcome.billing.as_of, "sent"))),
         lambda: ports.billing.issue_invoice(invoice_request, keys()),
         lambda: invoice_from_row(invoice_row, outcome.billing.as_of)),
        ("retention.assess_retention",
         with_session(lambda s: assess_retention(s, project_row, last_engagement_at=outcome.retention.assessed_at, overdue_invoices=0,
                                                  roas=1.0, rejections=0, delivered=True, approved_first_round=True, last_proposal_total=50000.0)),
         lambda: ports.retention.assess_retention(signals, keys()),
         lambda: assessment_from_legacy(retention_legacy, client_id, outcome.retention.assessed_at)),
    ]


def _with_idempotency_records(database: Any) -> None:
    """The strangler's records table in the benchmark's database, as its migrations make it in the app's."""
    from aicmo.shared.persistence.idempotency_records import IDEMPOTENCY_RECORDS

    with database.engine.begin() as connection:
        IDEMPOTENCY_RECORDS.create(connection.execution_options(schema_translate_map={"strangler": None}))


TRANSLATION_GOAL = 2.0  # a translation costs at most twice pydantic validating the same DTO


def repeated(work: Callable[[], Any], times: int) -> Callable[[], Any]:
    def run() -> None:
        for _ in range(times):
            work()
    return run


def validation_of(translate: Callable[[], Any]) -> Callable[[], Any]:
    """pydantic validating what ``translate`` returns, from that DTO's own data (each DTO of a tuple)."""
    result = translate()
    dtos = result if isinstance(result, tuple) else (result,)
    pairs = [(type(dto), dto.model_dump()) for dto in dtos]
    return lambda: [model.model_validate(data) for model, data in pairs]


def measure(name: str, legacy: Callable[[], Any], adapter: Callable[[], Any], translate: Callable[[], Any],
            rounds: int, repeat: int) -> dict[str, Samples]:
    samples = interleaved({
        "legacy": legacy,
        "adapter": adapter,
        "translation": repeated(translate, repeat),
        "model_validate": repeated(validation_of(translate), repeat),
    }, rounds=rounds)
    for short in ("translation", "model_validate"):  # per translation, not per sample
        samples[short] = Samples([w / repeat for w in samples[short].wall], [c / repeat for c in samples[short].cpu])
    return samples


def row(name: str, s: dict[str, Samples]) -> tuple[str, float, float]:
    """The table row, the CPU overhead (µs) and the CPU ratio of translation to model_validate."""
    # the median of each round's difference: the two calls of a round share the machine's moment
    overhead_wall = statistics.median(a - b for a, b in zip(s["adapter"].wall, s["legacy"].wall)) * 1e6
    overhead_cpu = statistics.median(a - b for a, b in zip(s["adapter"].cpu, s["legacy"].cpu)) * 1e6
    ratio = s["translation"].cpu_median / s["model_validate"].cpu_median
    cells = [name]
    for path in ("legacy", "adapter"):
        wall, cpu = s[path].cells(scale=1e6, digits=0)
        cells += [wall, cpu]
    cells += [f"{overhead_wall:.0f} / {overhead_cpu:.0f}", f"{s['adapter'].ratio_to(s['legacy'])[1]:.2f}x"]
    for path in ("translation", "model_validate"):
        cells.append(s[path].cells(scale=1e6, digits=1)[1])
    cells.append(f"{ratio:.2f}x")
    return "| " + " | ".join(cells) + " |", overhead_cpu, ratio


def main() -> None:
    logging.disable(logging.WARNING)  # the packager warns on every skipped gate
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=20, help="translations per sample (they take µs)")
    parser.add_argument("--print-only", action="store_true", help="print the table, leave README.md and results/ alone")
    args = parser.parse_args()
    rows = []
    with legacy_memory_database() as database:
        _with_idempotency_records(database)
        ports, keys = legacy_ports(), Keys()
        for name, legacy, adapter, translate in cases(ports, keys):
            rows.append((name, *row(name, measure(name, legacy, adapter, translate, args.rounds, args.repeat))))
    lines = [
        "| port method | legacy wall | legacy CPU | adapter wall | adapter CPU | overhead wall / CPU (per round) | adapter ÷ legacy (CPU) "
        "| translation CPU | model_validate CPU | translation ÷ model_validate |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [line for _, line, _, _ in rows]
    worst_name, _, _, worst_ratio = max(rows, key=lambda r: r[3])
    table = "\n".join(lines)
    text = (f"µs per call, median (interquartile range) over {args.rounds} rounds, the four paths of a row interleaved, "
            f"in-memory SQLite, {load_average()}; measured by `python benchmarks/acl_overhead.py`:\n\n{table}\n")
    print(text)
    if args.print_only:
        return
    replace_block(ROOT / "README.md", BEGIN, END, text)
    write_headlines("acl_overhead", [
        Headline(f"ACL translation ÷ model_validate of the same DTO, worst ({worst_name})", f"{worst_ratio:.2f}x",
                 f"≤ {TRANSLATION_GOAL:g}x", worst_ratio <= TRANSLATION_GOAL),
        Headline("ACL overhead per call over legacy (CPU, median of the port methods)",
                 f"{sorted(r[2] for r in rows)[len(rows) // 2]:.0f} µs"),
    ])


if __name__ == "__main__":
    main()
