"""Where the new retention knowingly differs from legacy, each with its reason.

None. The rules are legacy's float arithmetic in legacy's order (tests/unit/retention/
test_rules_match_legacy.py compares them on random signals); the engagement gap is counted on
the UTC instant as legacy counts it (legacy reads datetime.now(timezone.utc), not a local date);
the ids are legacy's uuid4 draws. The project row legacy's service was handed is read for its id
only, which the signals carry. retention_assessments is kept by the legacy view.
"""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["DECLARED_DIVERGENCES"]

DECLARED_DIVERGENCES: Mapping[str, str] = MappingProxyType({})
