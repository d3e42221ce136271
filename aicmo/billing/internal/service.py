"""The billing port, implemented by billing's own rules and tables (the new path of the billing route)."""
from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from typing import Any, Optional, TypeVar

from pydantic import BaseModel

from aicmo.billing.api import (
    BillingRequest,
    BillingStatus,
    Invoice,
    InvoiceId,
    InvoiceNotFound,
    InvoiceRequest,
    InvoiceStatus,
    Milestone,
    PaymentRejected,
    PaymentRequest,
    Proposal,
)
from aicmo.billing.internal import events
from aicmo.billing.internal.legacy_writes import LegacyInvoiceWrite, adoption_message_id
from aicmo.billing.internal.model import InvoiceRecord, PaymentRefused, new_invoice
from aicmo.billing.internal.money import FINAL_INVOICE_DELAY_DAYS
from aicmo.billing.internal.tables import BillingInboxRow
from aicmo.billing.internal.translation import invoice_dto, proposal_dto, status_dto
from aicmo.billing.internal.unit_of_work import BillingUnitOfWork
from aicmo.onboarding.api import OnboardingPort
from aicmo.shared.clock import Clock
from aicmo.shared.compensation import Compensation, CompensationStatus
from aicmo.shared.ids import ClientId
from aicmo.shared.persistence.conflicts import serialize_on
from aicmo.shared.persistence.idempotency import value_fingerprint
from aicmo.shared.seeded_uuid import ids_drawn

__all__ = ["BillingService", "LEGACY_VIEW_SUBSCRIBER"]

A = TypeVar("A", bound=BaseModel)

# the inbox's name for the invoices billing takes over from its legacy view
LEGACY_VIEW_SUBSCRIBER = "billing.legacy_view"
VOID = "void_invoices"


class BillingService:
    """BillingPort over billing's unit of work; onboarding answers whether the client exists."""

    def __init__(self, unit_of_work: Callable[[], BillingUnitOfWork], clock: Clock, onboarding: OnboardingPort) -> None:
        self._unit_of_work, self._clock, self._onboarding = unit_of_work, clock, onboarding

    def _today(self) -> dt.date:
        return self._clock.now().astimezone(dt.timezone.utc).date()

    # -- commands -------------------------------------------------------------------------

    def issue_proposal(self, client_id: ClientId, idempotency_key: str) -> Proposal:
        method, fingerprint = "issue_proposal", value_fingerprint(client_id)
        # onboarding first: no other module's port is called while billing's transaction is open
        self._onboarding.get_project(client_id)
        now = self._clock.now()
        with self._unit_of_work().for_writing() as uow:
            replay = self._replay(uow, method, idempotency_key, fingerprint, Proposal)
            if replay is not None:
                return replay
            result = proposal_dto(str(client_id))
            uow.answers.record(method, idempotency_key, fingerprint, result.model_dump_json(), ids_drawn(), now)
            uow.outbox.append(events.proposal_issued(str(client_id), result.total, result.currency, idempotency_key, now))
            uow.commit()
        return result

    def issue_invoice(self, request: InvoiceRequest, idempotency_key: str) -> Invoice:
        """One milestone invoice; the key makes it one whatever the replays (the delivery invoice is keyed by its delivery)."""
        method, fingerprint = "issue_invoice", value_fingerprint(request)
        client_id = str(request.project.client_id)
        self._onboarding.get_project(request.project.client_id)
        now = self._clock.now()
        with self._unit_of_work().for_writing() as uow:
            serialize_on(uow.session, "billing.client", client_id)
            replay = self._replay(uow, method, idempotency_key, fingerprint, Invoice)
            if replay is not None:
                return replay
            status = InvoiceStatus.SCHEDULED.value if request.scheduled else InvoiceStatus.SENT.value
            record = new_invoice(str(uuid.uuid4()), client_id, request.milestone.value, request.project.intake.geography,
                                 request.issue_date, status, now)
            uow.invoices.add(record)
            result = invoice_dto(record, self._today())
            uow.answers.record(method, idempotency_key, fingerprint, result.model_dump_json(), ids_drawn(), now)
            uow.outbox.append(events.invoice_issued(record, idempotency_key, now))
            uow.commit()
        return result

    def issue_milestone_invoices(self, request: BillingRequest, idempotency_key: str) -> BillingStatus:
        """L-26: the signing invoice now, the delivery invoice unless one exists (whoever issued it), the final one scheduled."""
        method, fingerprint = "issue_milestone_invoices", value_fingerprint(request)
        client_id = str(request.project.client_id)
        self._onboarding.get_project(request.project.client_id)
        now = self._clock.now()
        today = self._today()
        delivered_on = request.package.created_at.date()
        wanted = (
            (Milestone.SIGNING.value, today, InvoiceStatus.SENT.value),
            (Milestone.DELIVERY.value, delivered_on, InvoiceStatus.SENT.value),
            (Milestone.FINAL.value, delivered_on + dt.timedelta(days=FINAL_INVOICE_DELAY_DAYS), InvoiceStatus.SCHEDULED.value),
        )
        with self._unit_of_work().for_writing() as uow:
            serialize_on(uow.session, "billing.client", client_id)
            replay = self._replay(uow, method, idempotency_key, fingerprint, BillingStatus)
            if replay is not None:
                return replay
            existing = {r.kind for r in uow.invoices.for_client(client_id)}
            # legacy mints one uuid4 per missing invoice, in this order: the same draws
            issued = [new_invoice(str(uuid.uuid4()), client_id, kind, request.project.intake.geography, on, status, now)
                      for kind, on, status in wanted if kind not in existing]
            for record in issued:
                uow.invoices.add(record)
                uow.outbox.append(events.invoice_issued(record, idempotency_key, now))
            result = status_dto(client_id, today, uow.invoices.for_client(client_id))
            uow.answers.record(method, idempotency_key, fingerprint, result.model_dump_json(), ids_drawn(), now)
            uow.commit()
        return result

    def record_payment(self, request: PaymentRequest, idempotency_key: str) -> Invoice:
        method, fingerprint = "record_payment", value_fingerprint(request)
        invoice_id = str(request.invoice_id)
        now = self._clock.now()
        with self._unit_of_work().for_writing() as uow:
            replay = self._replay(uow, method, idempotency_key, fingerprint, Invoice)
            if replay is not None:
                return replay
            record = uow.invoices.get(invoice_id)
            if record is None:
                raise InvoiceNotFound(f"invoice {invoice_id} not found", invoice_id=invoice_id)
            serialize_on(uow.session, "billing.client", record.client_id)
            record = uow.invoices.get(invoice_id) or record  # as it stands once the client's writers are behind us
            if request.payment.currency != record.currency:
                raise PaymentRejected(f"payment in {request.payment.currency}, invoice in {record.currency}")
            try:
                paid = record.paid(request.payment.amount, now)
            except PaymentRefused as exc:
                raise PaymentRejected(str(exc)) from None
            uow.invoices.update(paid)
            result = invoice_dto(paid, self._today())
            uow.answers.record(method, idempotency_key, fingerprint, result.model_dump_json(), ids_drawn(), now)
            uow.outbox.append(events.payment_recorded(paid, request.payment.amount, idempotency_key, now))
            if paid.status == InvoiceStatus.PAID.value:
                uow.outbox.append(events.invoice_paid(paid, idempotency_key, now))
            uow.commit()
        return result

    def void_invoices(self, client_id: ClientId, idempotency_key: str) -> Compensation:
        """The compensation of the invoices: every unpaid one void, nothing outstanding; a paid one kept and named."""
        target = str(client_id)
        fingerprint = value_fingerprint(target)
        now = self._clock.now()
        with self._unit_of_work().for_writing() as uow:
            serialize_on(uow.session, "billing.client", target)
            replay = self._replay(uow, VOID, idempotency_key, fingerprint, Compensation)
            if replay is not None:
                return replay
            records = uow.invoices.for_client(target)
            paid = tuple(r.invoice_id for r in records if r.status == InvoiceStatus.PAID.value)
            voidable = [r for r in records if r.voidable]
            if not records:
                result = Compensation(action=VOID, target_id=target, status=CompensationStatus.NOTHING_TO_COMPENSATE)
            elif not voidable:
                result = Compensation(action=VOID, target_id=target, status=CompensationStatus.ALREADY_COMPENSATED, kept=paid)
            else:
                for record in voidable:
                    uow.invoices.update(record.voided())
                result = Compensation(action=VOID, target_id=target, status=CompensationStatus.COMPENSATED,
                                      undone=tuple(r.invoice_id for r in voidable), kept=paid)
            uow.answers.record(VOID, idempotency_key, fingerprint, result.model_dump_json(), ids_drawn(), now)
            uow.commit()
        return result

    # -- reads ----------------------------------------------------------------------------

    def get_invoice(self, invoice_id: InvoiceId) -> Invoice:
        with self._unit_of_work() as uow:
            record = uow.invoices.get(str(invoice_id))
        if record is None:
            raise InvoiceNotFound(f"invoice {invoice_id} not found", invoice_id=str(invoice_id))
        return invoice_dto(record, self._today())

    def get_billing_status(self, client_id: ClientId, as_of: dt.date) -> BillingStatus:
        self._onboarding.get_project(client_id)
        with self._unit_of_work() as uow:
            records = uow.invoices.for_client(str(client_id))
        return status_dto(str(client_id), as_of, records)

    # -- the legacy view ------------------------------------------------------------------

    def invoices_of(self, client_id: str) -> list[InvoiceRecord]:
        """The client's invoices as billing holds them (for the legacy view)."""
        with self._unit_of_work() as uow:
            return uow.invoices.for_client(client_id)

    def adopt_legacy_invoices(self, client_id: str, invoices: Sequence[InvoiceRecord]) -> None:
        """Take over invoices legacy code inserted into billing_invoices (the packager's delivery invoice, Q-12,
        or a journey billed on legacy before the route changed), each once, as they stand."""
        now = self._clock.now()
        with self._unit_of_work().for_writing() as uow:
            serialize_on(uow.session, "billing.client", client_id)
            for record in invoices:
                message = str(adoption_message_id(record.invoice_id))
                if uow.invoices.get(record.invoice_id) is not None:
                    continue
                if uow.session.get(BillingInboxRow, (LEGACY_VIEW_SUBSCRIBER, message)) is not None:
                    continue
                uow.session.add(BillingInboxRow(subscriber=LEGACY_VIEW_SUBSCRIBER, event_id=message, received_at=now))
                uow.invoices.add(record)
                uow.outbox.append(events.invoice_issued(record, f"legacy-view:{message}", now))
            uow.commit()

    def absorb_legacy_writes(self, client_id: str, writes: Sequence[LegacyInvoiceWrite]) -> None:
        """Apply what legacy writers put on the invoices' rows, each once, unless billing changed the invoice since."""
        now = self._clock.now()
        with self._unit_of_work().for_writing() as uow:
            serialize_on(uow.session, "billing.client", client_id)
            for write in writes:
                message = str(write.message_id)
                record = uow.invoices.get(write.invoice_id)
                if record is None or uow.session.get(BillingInboxRow, (LEGACY_VIEW_SUBSCRIBER, message)) is not None:
                    continue
                if record.changes != write.seen_after_change:
                    continue  # billing changed the invoice since the view was read: that write is stale
                uow.session.add(BillingInboxRow(subscriber=LEGACY_VIEW_SUBSCRIBER, event_id=message, received_at=now))
                changed = record.changed_to(write.state)
                uow.invoices.update(changed)
                if changed.status == InvoiceStatus.PAID.value and record.status != InvoiceStatus.PAID.value:
                    uow.outbox.append(events.invoice_paid(changed, f"legacy-view:{message}", now))
            uow.commit()

    # -- helpers --------------------------------------------------------------------------

    @staticmethod
    def _replay(uow: BillingUnitOfWork, method: str, idempotency_key: str, fingerprint: str, answer: type[Any]) -> Optional[Any]:
        stored = uow.answers.replay(method, idempotency_key, fingerprint)
        return answer.model_validate_json(stored) if stored is not None else None
