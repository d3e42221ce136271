"""The planted mutations of the legacy code: one rule or quirk changed per mutant.

Each mutant replaces one exact snippet of one legacy file (it must occur exactly once). The
set covers weights, thresholds and rounding, and reverses every quirk (Q-nn) of the spec.
"""
from __future__ import annotations

from typing import NamedTuple


class Mutant(NamedTuple):
    id: str
    rule: str
    path: str
    old: str
    new: str


MUTANTS = [
    Mutant("goal-default", "L-01", "aicmo/domain/intake.py", 'goal = "Growth"', 'goal = "Awareness"'),
    Mutant("unknown-brand-raises", "Q-01", "aicmo/domain/intake.py", 'data["brand_name"] = "Unknown"', 'raise ValueError("brand is required")'),
    Mutant("alias-order", "L-02", "aicmo/domain/intake.py", 'for alias in ("brand", "company"):', 'for alias in ("company", "brand"):'),
    Mutant("intake-finding-severity", "L-03", "backend/services/qc_rules.py", '"intake_completeness", "BLOCKER"', '"intake_completeness", "MAJOR"'),
    Mutant("canonical-initial-state", "Q-02", "backend/services/onboarding.py", 'project_state="STRATEGY_DRAFT",', 'project_state="CREATED",'),
    Mutant("pillar-count", "L-05", "backend/generators/strategy_generator.py", "PILLAR_COUNT = 3", "PILLAR_COUNT = 4"),
    Mutant("sales-split", "L-06", "backend/generators/strategy_generator.py", '("search", 50), ("social", 30), ("email", 20)', '("search", 40), ("social", 40), ("email", 20)'),
    Mutant("summary-minimum", "L-07", "aicmo/domain/strategy.py", "MIN_SUMMARY_LENGTH = 50", "MIN_SUMMARY_LENGTH = 30"),
    Mutant("valid-fallback", "Q-03", "backend/generators/strategy_generator.py", 'FALLBACK_SUMMARY = "Strategy to be agreed with the client."', 'FALLBACK_SUMMARY = "Strategy to be agreed with the client in the first workshop."'),
    Mutant("approval-moves-state", "Q-04", "aicmo/operator_services.py", '    campaign.strategy_status = "APPROVED"\n', '    campaign.strategy_status = "APPROVED"\n    campaign.project_state = "STRATEGY_APPROVED"\n'),
    Mutant("derived-state", "L-09", "aicmo/domain/project.py", "            state = ProjectState.STRATEGY_APPROVED", "            state = ProjectState.STRATEGY_GENERATED"),
    Mutant("extra-transition", "state machine", "aicmo/domain/project.py", "ProjectState.QC_FAILED: {ProjectState.QC_APPROVED},", "ProjectState.QC_FAILED: {ProjectState.QC_APPROVED, ProjectState.CREATIVE_GENERATED},"),
    Mutant("ellipsis-only-when-cut", "Q-05", "backend/generators/creative_generator.py", 'return f"{pillar_name}: {description[:HOOK_DESCRIPTION_CHARS]}..."', 'return f"{pillar_name}: {description[:HOOK_DESCRIPTION_CHARS]}" + ("..." if len(description) > HOOK_DESCRIPTION_CHARS else "")'),
    Mutant("caption-minimum", "L-12", "backend/generators/creative_generator.py", "MIN_CAPTION_LENGTH = 20", "MIN_CAPTION_LENGTH = 15"),
    Mutant("calendar-days", "L-13", "backend/generators/calendar_generator.py", 'return 30 if pack == "quick_social" else 7', 'return 28 if pack == "quick_social" else 7'),
    Mutant("hooks-keep-rotating", "Q-06", "backend/generators/calendar_generator.py", "hook_day = min(day, len(THEMES))", "hook_day = (day - 1) % len(THEMES) + 1"),
    Mutant("genericity-weight", "L-14", "backend/services/qc_rules.py", "0.7 * min(stock_phrase_hits(text) / 3, 1)", "0.6 * min(stock_phrase_hits(text) / 3, 1)"),
    Mutant("cliche-word-list", "L-15", "backend/services/qc_rules.py", '    "synergy",\n', ""),
    Mutant("exact-cliche-halving", "Q-07", "backend/services/qc_rules.py", "min(40, 15 * len(cliches)) // 2", "round(min(40, 15 * len(cliches)) / 2)"),
    Mutant("possessive-exact-words", "Q-08", "backend/services/qc_rules.py", r'r"(?i:\b(?:your|our)\w*)\s+[A-Z]"', r'r"(?i:\b(?:your|our))\s+[A-Z]"'),
    Mutant("minor-weight", "L-18", "backend/services/qc_rules.py", '"MINOR": 3', '"MINOR": 4'),
    Mutant("duplicate-hook-share", "L-17", "backend/services/qc_rules.py", "DUPLICATE_HOOK_SHARE = 0.30", "DUPLICATE_HOOK_SHARE = 0.35"),
    Mutant("qc-keeps-out-of-production", "Q-09", "backend/services/qc.py", "row.qc_issues = json.dumps(findings)", "row.qc_issues = None"),
    # ceil -> round of the revision hours would be an equivalent mutant: 1.5/1.0/0.5 sums are
    # always whole half hours, so no input can tell them apart; the weights are observable.
    Mutant("revision-hours-weight", "L-20", "backend/services/client_review.py", '"high": 1.5', '"high": 2.0'),
    Mutant("escalation-round", "L-20", "backend/services/client_review.py", "ESCALATION_ROUND = 2", "ESCALATION_ROUND = 3"),
    Mutant("rejection-keeps-state", "Q-10", "backend/services/client_review.py", '        campaign.project_state = "REJECTED"  # Q-10: not a canonical state', "        pass"),
    Mutant("gate-always-enforced", "Q-11", "backend/services/delivery.py", "        if config.e2e_mode():", "        if True:"),
    Mutant("packager-leaves-rows", "Q-12", "backend/services/delivery.py", '        row.status = "DELIVERED"  # Q-12: production\'s table', "        pass"),
    Mutant("no-direct-delivered", "Q-24", "backend/services/delivery.py", '        campaign.project_state = "DELIVERED"  # Q-24: bypasses the state machine', "        pass"),
    Mutant("zero-denominator", "L-23", "backend/services/reporting.py", "return numerator / denominator if denominator else 0.0", "return numerator / denominator if denominator else 1.0"),
    Mutant("underperforming-factor", "L-24", "backend/services/reporting.py", "UNDERPERFORMING_FACTOR = 0.7", "UNDERPERFORMING_FACTOR = 0.8"),
    Mutant("measured-previous-period", "Q-13", "backend/services/reporting.py", "PREVIOUS_PERIOD_FACTOR = 0.9", "PREVIOUS_PERIOD_FACTOR = 1.0"),
    Mutant("time-decay-base", "L-25", "backend/services/reporting.py", "raw = [2.0**i for i in range(n)]", "raw = [1.5**i for i in range(n)]"),
    Mutant("proposal-line", "L-26", "backend/services/billing.py", '("Creative", 10000.0)', '("Creative", 12000.0)'),
    Mutant("eu-tax", "L-27", "backend/services/billing.py", '"EU": 0.21', '"EU": 0.20'),
    Mutant("exact-total", "Q-14", "backend/services/billing.py", "return subtotal, tax, subtotal + tax", "return subtotal, tax, round(subtotal * (1 + rate), 2)"),
    Mutant("partial-payment-status", "L-28", "backend/services/billing.py", '        invoice.status = "sent"', '        invoice.status = "partially_paid"'),
    Mutant("engagement-weight", "L-29", "backend/services/retention.py", "0.35 * min(days_since_engagement", "0.30 * min(days_since_engagement"),
    Mutant("churn-days", "L-30", "backend/services/retention.py", "CHURN_AFTER_DAYS = 120", "CHURN_AFTER_DAYS = 90"),
    Mutant("scale-budget-roas", "L-31", "backend/services/retention.py", "SCALE_BUDGET_ROAS = 3.0", "SCALE_BUDGET_ROAS = 2.5"),
    Mutant("size-weight", "L-32", "backend/services/cam/scoring.py", "0.30 * size_fit", "0.35 * size_fit"),
    Mutant("signal-weight", "L-33", "backend/services/cam/scoring.py", "+ 0.25 * lead.job_change", "+ 0.20 * lead.job_change"),
    Mutant("seniority-whole-words", "Q-15", "backend/services/cam/scoring.py", "if keyword in value:  # Q-15", "if keyword in value.split():  # Q-15"),
    Mutant("hot-threshold", "L-34", "backend/services/cam/scoring.py", 'TIER_THRESHOLDS = [(0.85, "HOT")', 'TIER_THRESHOLDS = [(0.80, "HOT")'),
    Mutant("batch-uses-targets", "Q-16", "backend/services/cam/scoring.py", "    campaign = batch_campaign()", '    campaign = __import__("backend.services.cam.campaigns", fromlist=["x"]).load_campaign(None)'),
    Mutant("qualify-threshold", "L-35", "backend/services/cam/qualification.py", "QUALIFY_THRESHOLD = 0.70", "QUALIFY_THRESHOLD = 0.65"),
    Mutant("spam-in-local-part-only", "Q-17", "backend/services/cam/qualification.py", "if any(s in address for s in SPAM_SUBSTRINGS):", "if any(s in local for s in SPAM_SUBSTRINGS):"),
    Mutant("note-names-outcome", "Q-18", "backend/services/cam/qualification.py", 'note = f"[QUALIFIED] {outcome}"', 'note = f"[{status}] {outcome}"'),
    Mutant("signal-bonus", "L-36", "backend/services/cam/routing.py", "SIGNAL_BONUS = 0.15", "SIGNAL_BONUS = 0.10"),
    Mutant("routing-appends-notes", "Q-19", "backend/services/cam/routing.py", 'lead.notes = f"Routed to {sequence.name}"', 'lead.notes = f"{lead.notes}\\nRouted to {sequence.name}"'),
    Mutant("grade-a-fit", "L-37", "backend/services/cam/grading.py", "    if fit >= 0.8:", "    if fit >= 0.75:"),
    Mutant("window-end", "L-38", "backend/services/cam/outreach.py", "WINDOW_END_HOUR = 18", "WINDOW_END_HOUR = 17"),
    Mutant("quota-counts-sent-only", "Q-20", "backend/services/cam/outreach.py", "        OutreachAttemptRow.attempted_at >= start,\n", '        OutreachAttemptRow.status == "SENT",\n        OutreachAttemptRow.attempted_at >= start,\n'),
    Mutant("failed-send-retried", "Q-21", "backend/services/cam/outreach.py", "    if existing is not None:", '    if existing is not None and existing.status != "FAILED":'),
    Mutant("negative-before-ooo", "L-39", "backend/services/cam/replies.py",
           '    ("OOO", 0.85, ["away", "out of office", "unavailable"]),\n    ("NEGATIVE", 0.85, ["no thanks", "not interested", "unfortunately", "unsubscribe"]),\n',
           '    ("NEGATIVE", 0.85, ["no thanks", "not interested", "unfortunately", "unsubscribe"]),\n    ("OOO", 0.85, ["away", "out of office", "unavailable"]),\n'),
    Mutant("reply-time-persisted", "Q-22", "backend/services/cam/replies.py", "lead.last_reply_at = received_at", "lead.last_replied_at = received_at"),
    Mutant("enriched-delay", "L-40", "backend/services/cam/next_action.py", "int(360 * (1 - lead.lead_score))", "int(300 * (1 - lead.lead_score))"),
    Mutant("every-later-attempt-waits", "Q-23", "backend/services/cam/next_action.py", 'if "attempt_2" in lead_tags(lead):', 'if any(t.startswith("attempt_") and t != "attempt_1" for t in lead_tags(lead)):'),
    Mutant("convert-grade-a-only", "L-41", "backend/services/cam/conversion.py", 'CONVERTIBLE_GRADES = {"A", "B"}', 'CONVERTIBLE_GRADES = {"A"}'),
    Mutant("no-production-commit", "Q-30", "aicmo/operator_services.py",
           "        _move(project, campaign, ProjectState.CREATIVE_GENERATED, history)\n        session.commit()\n",
           "        _move(project, campaign, ProjectState.CREATIVE_GENERATED, history)\n"),
]
