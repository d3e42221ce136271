"""Where the new client review knowingly differs from legacy, each with its reason.

The names here are the ones client_review's shadow `explain` may tag a mismatch with; the gate
counts such a mismatch as explained only once the name is also declared in the routes database
(`aicmo migrate diverge client_review NAME --reason ...`, audited).

None: the new path reproduces L-19, L-20 and the notes of Q-10 with the ACL's ids and wording.
Writing creative_assets.review_* and the REJECTED project state (Q-10) is not client review's
to do: after its commit their owners record them through their ports (production's
record_review, onboarding's record_client_rejection; aicmo/orchestration/client_review_effects.py)
and their legacy views write the same columns, so legacy readers (delivery's approval gate, the
operator flow's summary, the project row) see them as before.
"""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["DECLARED_DIVERGENCES"]

DECLARED_DIVERGENCES: Mapping[str, str] = MappingProxyType({})
