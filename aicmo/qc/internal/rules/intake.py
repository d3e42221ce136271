"""L-03 intake completeness: each missing required field is a BLOCKER, reported but never gating."""
from __future__ import annotations

from collections.abc import Iterable

from aicmo.qc.api import FindingRule, Severity
from aicmo.qc.internal.model import Finding

__all__ = ["intake_findings"]


def intake_findings(missing_fields: Iterable[str]) -> tuple[Finding, ...]:
    # onboarding decides which fields are missing; QC only reports them
    return tuple(Finding(FindingRule.INTAKE_COMPLETENESS, Severity.BLOCKER, f"missing field '{field}'") for field in missing_fields)
