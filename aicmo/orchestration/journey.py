"""The client journey over the ten ports, in the order of spec section 12.

Each step is one port call; the order of the calls is the operator flow's, so legacy mints its
ids in the same order and a reproducible run gives the same output. Later issues route these
calls module by module and turn the runner into a saga.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from aicmo.billing.api import BillingRequest, BillingStatus, Proposal
from aicmo.client_review.api import Review, ReviewDecision, ReviewRequest
from aicmo.delivery.api import DeliveryRequest, Package
from aicmo.onboarding.api import ClientIntake, ClientProject, ProjectState
from aicmo.orchestration.keys import RunKeys
from aicmo.orchestration.ports import ModulePorts
from aicmo.production.api import ContentCalendar, CreativeId, CreativeSet
from aicmo.qc.api import PillarText, QcRequest, QcResult, QcVerdict, StrategyText
from aicmo.reporting.api import PerformanceReport, ReportRequest
from aicmo.retention.api import RetentionAssessment, RetentionSignals
from aicmo.shared.clock import Clock, SystemClock
from aicmo.strangler.evidence.unit_of_work import flushes_comparisons
from aicmo.strategy.api import Strategy, StrategyDocument

__all__ = ["JourneyOutcome", "run_client_journey"]


@dataclass(frozen=True)
class JourneyOutcome:
    """What every step of one journey returned, as the ports' DTOs."""

    intake: ClientIntake
    project: ClientProject
    project_states: tuple[str, ...]
    drafted: Strategy
    strategy: Strategy
    creatives: CreativeSet
    calendar: ContentCalendar
    qc_rounds: tuple[QcResult, ...]
    rewritten: tuple[CreativeId, ...]
    opened_review: Review
    review: Review
    package: Package
    billing: BillingStatus
    proposal: Proposal
    report: PerformanceReport
    retention: RetentionAssessment


def _strategy_text(document: StrategyDocument) -> StrategyText:
    return StrategyText(
        executive_summary=document.executive_summary,
        situation_analysis=document.situation_analysis,
        strategy_narrative=document.strategy_narrative,
        pillars=tuple(PillarText(name=p.name, description=p.description) for p in document.pillars),
    )


class _Project:
    """The project as the journey moves it, with the states it went through."""

    def __init__(self, ports: ModulePorts, keys: RunKeys, project: ClientProject) -> None:
        self.ports, self.keys, self.current, self.history = ports, keys, project, []

    def advance(self, target: ProjectState) -> None:
        step = f"advance:{len(self.history)}:{target.value}"
        self.current = self.ports.onboarding.advance_project(self.current.client_id, target, self.keys(step))
        self.history.append(target.value)

    def refresh(self) -> ClientProject:
        self.current = self.ports.onboarding.get_project(self.current.client_id)
        return self.current


@flushes_comparisons  # the end of the unit of work: its shadow comparisons are written
def run_client_journey(
    ports: ModulePorts, intake: ClientIntake, out_dir: Optional[str] = None, clock: Clock = SystemClock(),
    keys: Optional[RunKeys] = None,
) -> JourneyOutcome:
    """Onboarding, strategy, production, QC, review, delivery, billing, reporting, retention."""
    keys = keys or RunKeys("journey")
    project = _Project(ports, keys, ports.onboarding.onboard_client(intake, keys("onboard")))
    client_id = project.current.client_id
    project.advance(ProjectState.INTAKE_COMPLETE)

    # the operator flow moves to STRATEGY_GENERATED before it stores the validation status
    project.advance(ProjectState.STRATEGY_GENERATED)
    drafted = ports.strategy.draft_strategy(project.current, keys("draft"))
    ports.strategy.approve_strategy(drafted.strategy_id, keys("approve"))  # auto-approval of the demo
    project.advance(ProjectState.STRATEGY_APPROVED)
    project.advance(ProjectState.CAMPAIGN_DEFINED)

    creatives = ports.production.produce_creatives(drafted, keys("produce"))
    calendar = ports.production.build_calendar(drafted)
    project.advance(ProjectState.CREATIVE_GENERATED)

    missing = tuple(f.value for f in ports.onboarding.check_intake(intake).missing_fields)

    def evaluate(round_number: int) -> QcResult:
        request = QcRequest(client_id=client_id, creative_set=creatives, calendar=calendar,
                            strategy=_strategy_text(drafted.document), missing_intake_fields=missing)
        return ports.qc.evaluate_creative_set(request, keys(f"qc:{round_number}"))

    qc_rounds = [evaluate(0)]
    project.advance(ProjectState(qc_rounds[0].verdict.value))
    rewritten: tuple[CreativeId, ...] = ()
    if qc_rounds[0].verdict is QcVerdict.QC_FAILED:  # one rewrite round, the second verdict stands
        rewritten = tuple(check.creative_id for check in qc_rounds[0].creatives if not check.passed)
        creatives = ports.production.rewrite_creatives(creatives.creative_set_id, rewritten, drafted, keys("rewrite"))
        calendar = ports.production.build_calendar(drafted)
        qc_rounds.append(evaluate(1))
        if qc_rounds[1].verdict is QcVerdict.QC_APPROVED:
            project.advance(ProjectState.QC_APPROVED)

    opened = ports.client_review.open_review(
        ReviewRequest(client_id=client_id, creative_set=creatives, qc_result=qc_rounds[-1]), keys("review")
    )
    review = opened
    for number, feedback in enumerate(ports.client_review.simulated_feedback(project.current.name)):
        review = ports.client_review.record_feedback(review.review_id, feedback, keys(f"feedback:{number}"))

    markdown = ports.strategy.render_markdown(drafted.strategy_id).markdown
    current = project.refresh()
    package = ports.delivery.deliver_package(
        DeliveryRequest(client_id=client_id, client_name=current.name, project_state=current.state.value,
                        strategy_markdown=markdown, creative_set=creatives, calendar=calendar, review=review,
                        out_dir=out_dir),
        keys("deliver"),
    )
    if project.refresh().state is ProjectState.DELIVERED:
        project.history.append(ProjectState.DELIVERED.value)  # the packager wrote it already
    else:
        project.advance(ProjectState.DELIVERED)

    billing = ports.billing.issue_milestone_invoices(BillingRequest(project=project.current, package=package), keys("billing"))
    proposal = ports.billing.issue_proposal(client_id, keys("proposal"))
    report = ports.reporting.generate_report(
        ReportRequest(client_id=client_id, channels=tuple(c.name for c in drafted.document.channels)), keys("report")
    )
    rejections = sum(1 for c in review.creatives if c.review_status is ReviewDecision.REJECTED)
    retention = ports.retention.assess_retention(
        RetentionSignals(client_id=client_id, last_engagement_at=clock.now(), billing=billing, report=report,
                         last_proposal=proposal, delivered=True, client_rejections=rejections,
                         approved_in_first_round=len(review.rounds) == 1 and bool(review.creative_ids)),
        keys("retention"),
    )
    return JourneyOutcome(
        intake=intake,
        project=project.refresh(),
        project_states=tuple(project.history),
        drafted=drafted,
        strategy=ports.strategy.get_strategy(drafted.strategy_id),
        creatives=ports.production.get_creative_set(creatives.creative_set_id),
        calendar=calendar,
        qc_rounds=tuple(qc_rounds),
        rewritten=rewritten,
        opened_review=opened,
        review=review,
        package=package,
        billing=billing,
        proposal=proposal,
        report=report,
        retention=retention,
    )
