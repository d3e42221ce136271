"""Client review's rules (spec section 5, L-19, L-20, Q-10) as the legacy service applied them."""
from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from types import MappingProxyType

import attrs

from aicmo.client_review.api import InvalidFeedback
from aicmo.client_review.internal.model import Change, CreativeState, Package, Round

__all__ = [
    "DECISIONS", "ESCALATION_ROUND", "HOURS_PER_PRIORITY", "SIMULATED_CHANGES", "package_for", "record_feedback",
    "revision_hours", "simulated_client_requests_changes", "validate_changes",
]

DECISIONS = ("approved", "changes_requested", "rejected")
PRIORITIES = ("high", "medium", "low")
# L-20: hours per change by priority; escalation at the second round of changes
HOURS_PER_PRIORITY: Mapping[str, Decimal] = MappingProxyType({"high": Decimal("1.5"), "medium": Decimal("1.0"),
                                                              "low": Decimal("0.5")})
ESCALATION_ROUND = 2
# the demo client's requested changes (the journey's simulated feedback)
SIMULATED_CHANGES = (
    Change(section="caption", change="Make the opening line more specific", priority="high"),
    Change(section="hook", change="Use the customer's own words", priority="medium"),
)
# the percent of brands whose demo client asks for changes once (AICMO_REVIEW_CHANGE_SHARE, default 25)
CHANGE_SHARE_VARIABLE, DEFAULT_CHANGE_SHARE = "AICMO_REVIEW_CHANGE_SHARE", "25"
_HALF = Decimal("0.5")
_ONE_PLACE = Decimal("0.1")


def package_for(review_id: str, client_id: str, creative_set_id: str, qc_result_id: str,
                creative_ids: Sequence[str], now: datetime) -> Package:
    """L-19: a package lists the creatives that passed QC (the caller's choice, in position order) and is sent."""
    return Package(review_id=review_id, client_id=client_id, creative_set_id=creative_set_id,
                   qc_result_id=qc_result_id, creative_ids=tuple(creative_ids), status="sent", rounds=(),
                   created_at=now)


def revision_hours(changes: Sequence[Change]) -> Decimal:
    """L-20: 1.5 per high, 1.0 per medium, 0.5 per low, rounded up to the next half hour.

    Written with one decimal place, as legacy's float printed (2.5, 3.0, 0.0).
    """
    raw = sum((HOURS_PER_PRIORITY[c.priority] for c in changes), Decimal(0))
    return (Decimal(math.ceil(raw / _HALF)) * _HALF).quantize(_ONE_PLACE)


def validate_changes(changes: Sequence[Change]) -> None:
    """Every change names a part, a change and a known priority; InvalidFeedback worded as legacy's."""
    for i, change in enumerate(changes):
        for key in ("section", "change", "priority"):
            if not getattr(change, key):
                raise InvalidFeedback(f"requested change {i}: '{key}' is missing")
        if change.priority not in PRIORITIES:
            raise InvalidFeedback(f"requested change {i}: priority '{change.priority}' is not one of {PRIORITIES}")


def record_feedback(package: Package, creatives: Sequence[CreativeState], decision: str, changes: Sequence[Change],
                    now: datetime) -> tuple[Package, tuple[CreativeState, ...]]:
    """The client's decision on every creative of the package, the round it makes and the package's new status.

    L-20: changes_requested counts a round on each creative; the package escalates once a
    creative reached the second. Q-10: the decision and a note go onto each creative.
    """
    if decision not in DECISIONS:
        raise InvalidFeedback(f"decision '{decision}' is not one of {DECISIONS}")
    validate_changes(changes)
    note = f"[{decision}]" + "".join(f" {c.section}: {c.change} ({c.priority});" for c in changes)
    changes_requested = decision == "changes_requested"
    after = tuple(state.recorded(decision, note, changes_requested) for state in creatives)
    rounds = max((state.review_round for state in after), default=0)
    status = "escalated" if changes_requested and rounds >= ESCALATION_ROUND else decision
    recorded = Round(round=rounds, decision=decision, status=status, changes=tuple(changes),
                     revision_hours=revision_hours(changes) if changes else None,
                     # the note legacy read back from the package's first creative: none without one
                     note=note if after else "", recorded_at=now)
    return attrs.evolve(package, status=status, rounds=(*package.rounds, recorded)), after


def simulated_client_requests_changes(brand_name: str) -> bool:
    """A deterministic share of clients (by a hash of the brand) asks for changes once."""
    share = int(os.environ.get(CHANGE_SHARE_VARIABLE, DEFAULT_CHANGE_SHARE))
    bucket = int(hashlib.sha256(brand_name.encode("utf-8")).hexdigest(), 16) % 100
    return bucket < share
