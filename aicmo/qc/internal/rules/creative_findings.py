"""L-17 findings of one creative, over its hook and caption together."""
from __future__ import annotations

from aicmo.qc.api import FindingRule, Severity
from aicmo.qc.internal.model import Finding
from aicmo.qc.internal.rules.cliches import cliches_in
from aicmo.qc.internal.rules.genericity import GENERIC_THRESHOLD, genericity
from aicmo.qc.internal.rules.word_lists import BANNED_CLAIMS

__all__ = ["creative_findings"]

MIN_CAPTION = 20


def creative_findings(hook: str, caption: str) -> tuple[Finding, ...]:
    """Short caption MAJOR, banned claim BLOCKER, genericity MINOR, each cliché WARN, in that order."""
    text = f"{hook}\n{caption}"
    lowered = text.lower()
    findings = []
    if len(caption) < MIN_CAPTION:
        findings.append(Finding(FindingRule.CAPTION_LENGTH, Severity.MAJOR, f"caption is {len(caption)} characters"))
    findings += [Finding(FindingRule.BANNED_CLAIM, Severity.BLOCKER, f"banned claim '{claim}'")
                 for claim in BANNED_CLAIMS if claim in lowered]
    score = genericity(text)
    if score >= GENERIC_THRESHOLD:
        findings.append(Finding(FindingRule.GENERICITY, Severity.MINOR, f"genericity {score:.2f}"))
    findings += [Finding(FindingRule.CLICHE, Severity.WARN, f"cliché '{cliche}'") for cliche in cliches_in(text)]
    return tuple(findings)
