"""What a delivery changes in other modules' records, asked of their owners (spec §11, Q-12, Q-24).

Legacy's packager wrote three tables it does not own: production's creative rows (DELIVERED),
billing's delivery invoice and, past a skipped gate, the project's state. The new delivery
writes only its own tables; after its commit this wrapper asks each owner through its port,
with an idempotency key derived from the package, so a replayed delivery (the same key, the
same package) asks again and each owner answers as it first did: one invoice per delivery,
however often the step runs. It lives at the composition root because billing depends on
delivery (its requests carry the Package), so delivery cannot call billing itself.

In legacy's order: the creatives, then the invoice (its id drawn after the package's, as
legacy drew them), then the project.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable

from aicmo.billing.api import InvoiceRequest, Milestone
from aicmo.delivery.api import DeliveryPort, DeliveryRequest, GateCheck, Package, PackageId
from aicmo.orchestration import owner_effects
from aicmo.orchestration.owner_effects import ThroughOwners
from aicmo.orchestration.ports import ModulePorts
from aicmo.shared.compensation import Compensation

__all__ = ["DeliveryThroughOwners", "effect_key"]


def effect_key(package_id: PackageId, effect: str) -> str:
    """The idempotency key of one effect of one delivery: the same package, the same key."""
    return owner_effects.effect_key("delivery", package_id, effect=effect)


class DeliveryThroughOwners(ThroughOwners[DeliveryPort]):
    """A DeliveryPort whose deliveries also mark the creatives, issue the invoice and move the project, via their owners."""

    def __init__(self, delivery: DeliveryPort, bundle: Callable[[], ModulePorts]) -> None:
        super().__init__(delivery, bundle)
        self._delivery = delivery

    def check_gate(self, request: DeliveryRequest) -> GateCheck:
        return self._delivery.check_gate(request)

    def deliver_package(self, request: DeliveryRequest, idempotency_key: str) -> Package:
        package = self._delivery.deliver_package(request, idempotency_key)
        ports = self._owners()
        if package.delivered_creative_ids:  # production owns the creatives
            ports.production.mark_delivered(request.creative_set.creative_set_id, package.delivered_creative_ids,
                                            effect_key(package.package_id, "creatives"))
        self._issue_invoice(ports, package)
        if package.gate_skipped:  # onboarding owns the project and its state
            ports.onboarding.record_skipped_gate_delivery(package.client_id, effect_key(package.package_id, "project"))
        return package

    @staticmethod
    def _issue_invoice(ports: ModulePorts, package: Package) -> None:
        """Q-12: billing issues the delivery invoice, dated today and sent, unless the client has one (as legacy)."""
        today = dt.date.today()  # legacy's packager dates it by the process's local day
        status = ports.billing.get_billing_status(package.client_id, today)
        if any(invoice.kind is Milestone.DELIVERY for invoice in status.invoices):
            return
        project = ports.onboarding.get_project(package.client_id)
        request = InvoiceRequest(project=project, milestone=Milestone.DELIVERY, issue_date=today, scheduled=False)
        ports.billing.issue_invoice(request, effect_key(package.package_id, "invoice"))

    def get_package(self, package_id: PackageId) -> Package:
        return self._delivery.get_package(package_id)

    def withdraw_package(self, package_id: PackageId, idempotency_key: str) -> Compensation:
        # the invoice is voided by billing's own compensation (void_invoices), owed for the same step
        return self._delivery.withdraw_package(package_id, idempotency_key)
