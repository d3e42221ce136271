"""QC ruleset v1: the word lists and the pure scoring rules (spec section 4)."""
from __future__ import annotations

import re
from typing import Any

STOCK_PHRASES = [
    "in today's fast-paced world",
    "take it to the next level",
    "game changer",
    "unlock your potential",
    "best-in-class",
    "look no further",
    "second to none",
    "state of the art",
    "one-stop shop",
    "at the end of the day",
]

CLICHES = [
    "leverage",
    "synergy",
    "disrupt",
    "cutting-edge",
    "world-class",
    "paradigm",
    "innovative",
    "seamless",
    "robust",
    "holistic",
    "best of breed",
    "thought leader",
    "move the needle",
    "low-hanging fruit",
    "circle back",
    "bleeding edge",
    "next-gen",
    "revolutionary",
    "empower",
    "streamline",
]

BANNED_CLAIMS = ["guaranteed", "100%", "risk-free"]
DOC_PLACEHOLDERS = ["tbd", "n/a", "todo", "not specified", "lorem ipsum", "{{"]
# any word starting "your"/"our" followed by a capitalised word reads as a placeholder
POSSESSIVE_PLACEHOLDER = re.compile(r"(?i:\b(?:your|our)\w*)\s+[A-Z]")

GENERIC_THRESHOLD = 0.35
SECTION_WORD_BOUNDS = {"overview": (150, 400), "strategy": (200, 500), "calendar": (500, 2000)}
CREATIVE_PASS_SCORE = 70
DUPLICATE_HOOK_SHARE = 0.30

SEVERITY_WEIGHTS = {"BLOCKER": 30, "MAJOR": 10, "MINOR": 3, "WARN": 5}


def stock_phrase_hits(text: str) -> int:
    lowered = text.lower()
    return sum(lowered.count(phrase) for phrase in STOCK_PHRASES)


def repeated_token_share(text: str) -> float:
    tokens = re.findall(r"[a-z0-9']+", text.lower())
    if not tokens:
        return 0.0
    return (len(tokens) - len(set(tokens))) / len(tokens)


def genericity(text: str) -> float:
    """L-14: 0.7·min(hits/3, 1) + 0.3·share of repeated tokens."""
    return 0.7 * min(stock_phrase_hits(text) / 3, 1) + 0.3 * repeated_token_share(text)


def cliches_in(text: str) -> list[str]:
    """L-15: substring matches, case-insensitive."""
    lowered = text.lower()
    return [c for c in CLICHES if c in lowered]


def placeholder_count(text: str) -> int:
    lowered = text.lower()
    plain = sum(lowered.count(p) for p in DOC_PLACEHOLDERS)
    return plain + len(POSSESSIVE_PLACEHOLDER.findall(text))


def has_structure(text: str) -> bool:
    lines = [line.strip() for line in text.splitlines()]
    has_heading = any(line.startswith("#") for line in lines)
    has_body = any(line and not line.startswith("#") for line in lines)
    return has_heading and has_body


def score_document(text: str, section: str) -> dict[str, Any]:
    """L-16: the document score of one section."""
    score = 100
    deductions = {}
    if not has_structure(text):
        deductions["structure"] = 20
    placeholders = placeholder_count(text)
    if placeholders:
        deductions["placeholders"] = min(30, 10 * placeholders)
    cliches = cliches_in(text)
    if cliches:
        # the halving uses integer division, so one cliché costs 7, not 7.5
        deductions["cliches"] = min(40, 15 * len(cliches)) // 2
    words = len(text.split())
    low, high = SECTION_WORD_BOUNDS[section]
    if not low <= words <= high:
        deductions["word_count"] = 10
    score -= sum(deductions.values())
    if score >= 80:
        status = "PASS"
    elif score >= 60:
        status = "WARN"
    else:
        status = "FAIL"
    return {
        "section": section,
        "score": score,
        "status": status,
        "word_count": words,
        "placeholders": placeholders,
        "cliches": cliches,
        "deductions": deductions,
    }


def finding(rule: str, severity: str, message: str) -> dict[str, str]:
    return {"rule": rule, "severity": severity, "message": message}


def creative_findings(hook: str, caption: str) -> list[dict[str, str]]:
    """L-17: the findings of one creative."""
    text = f"{hook}\n{caption}"
    lowered = text.lower()
    findings = []
    if len(caption) < 20:
        findings.append(finding("caption_length", "MAJOR", f"caption is {len(caption)} characters"))
    for claim in BANNED_CLAIMS:
        if claim in lowered:
            findings.append(finding("banned_claim", "BLOCKER", f"banned claim '{claim}'"))
    generic = genericity(text)
    if generic >= GENERIC_THRESHOLD:
        findings.append(finding("genericity", "MINOR", f"genericity {generic:.2f}"))
    for cliche in cliches_in(text):
        findings.append(finding("cliche", "WARN", f"cliché '{cliche}'"))
    return findings


def ruleset_score(findings: list[dict[str, str]]) -> int:
    """L-18: 100 − 30·blockers − 10·majors − 3·minors − 5·warnings, floor 0."""
    penalty = sum(SEVERITY_WEIGHTS[f["severity"]] for f in findings)
    return max(0, 100 - penalty)


def ruleset_status(findings: list[dict[str, str]]) -> str:
    if any(f["severity"] == "BLOCKER" for f in findings):
        return "FAIL"
    if findings:
        return "WARN"
    return "PASS"


def creative_passes(score: int, findings: list[dict[str, str]]) -> bool:
    return score >= CREATIVE_PASS_SCORE and not any(f["severity"] == "BLOCKER" for f in findings)


def duplicate_hook_share(hooks: list[str]) -> float:
    if not hooks:
        return 0.0
    counts: dict[str, int] = {}
    for hook in hooks:
        counts[hook] = counts.get(hook, 0) + 1
    duplicated = sum(1 for hook in hooks if counts[hook] > 1)
    return duplicated / len(hooks)


def calendar_findings(hooks: list[str]) -> list[dict[str, str]]:
    share = duplicate_hook_share(hooks)
    if share >= DUPLICATE_HOOK_SHARE:
        return [finding("duplicate_hooks", "MAJOR", f"{share:.0%} of days repeat a hook")]
    return []


def intake_findings(missing_fields: list[str]) -> list[dict[str, str]]:
    """L-03: each missing required intake field is a BLOCKER."""
    return [finding("intake_completeness", "BLOCKER", f"missing field '{f}'") for f in missing_fields]
