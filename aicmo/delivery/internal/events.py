"""The integration events a delivery raises, with ids derived from the package."""
from __future__ import annotations

from aicmo.delivery.api import DeliveryGateBypassed, PackageDelivered
from aicmo.delivery.internal.model import PackageRecord
from aicmo.shared.ids import CorrelationId, MessageId, derived_id

__all__ = ["delivered_events"]


def delivered_events(package: PackageRecord) -> list[PackageDelivered | DeliveryGateBypassed]:
    common = {
        "occurred_at": package.created_at,
        # the request carries no flow id; a client's journey is the flow, so its id stands in
        "correlation_id": CorrelationId(package.client_id),
        "package_id": package.package_id,
        "client_id": package.client_id,
    }
    events: list[PackageDelivered | DeliveryGateBypassed] = [PackageDelivered(
        event_id=derived_id(MessageId, package.package_id, "PackageDelivered"), file_name=package.file_name,
        delivered_creative_ids=package.delivered_creative_ids, **common)]
    if package.gate_skipped:
        events.append(DeliveryGateBypassed(event_id=derived_id(MessageId, package.package_id, "DeliveryGateBypassed"),
                                           problems=package.gate_problems, **common))
    return events
