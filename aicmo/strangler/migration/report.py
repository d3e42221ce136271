"""The status table as Markdown, for MIGRATION.md and reviews."""
from __future__ import annotations

from aicmo.strangler.migration.status import ModuleStatus

__all__ = ["evidence_cell", "markdown_report", "mismatch_cell"]


def _cell(text: str) -> str:
    # a pipe or newline inside a reason would break the table
    return text.replace("|", "\\|").replace("\n", " ")


def mismatch_cell(status: ModuleStatus) -> str:
    """The mismatch rate, and how many of the mismatches a declared divergence explains: a module whose
    every mismatch is declared reads "100.0% (all declared)", not as a failing one."""
    if status.mismatch_rate is None:
        return "–"
    rate = f"{status.mismatch_rate:.1%}"
    if not status.explained:
        return rate
    return f"{rate} (all declared)" if status.unexplained == 0 else f"{rate} ({status.explained} declared)"


def evidence_cell(status: ModuleStatus) -> str:
    """The suites recorded on the new path (latest run of each, per kind of database), or "–".

    Runs with one outcome at one commit read as one phrase when they cover every suite on every
    database among them ("characterization, contract passed on postgresql, sqlite at 15a8b2b848");
    anything else is listed run by run, so a failing or older run is never folded into a passing one.
    """
    if not status.evidence:
        return "–"
    suites = sorted({e.suite for e in status.evidence})
    databases = sorted({e.database for e in status.evidence})
    first = status.evidence[0]
    uniform = all(e.passed == first.passed and e.at_commit == first.at_commit for e in status.evidence)
    if uniform and len(status.evidence) == len(suites) * len(databases):
        return first.describe_many(suites, databases)
    return "; ".join(e.describe() for e in status.evidence)


def markdown_report(kill_switch: bool, statuses: list[ModuleStatus], divergences: list[tuple[str, str, str]] = ()) -> str:
    """The status table; below it the kill switch, if engaged, and the declared divergences."""
    lines = [
        "| Module | Route | Rollout | Comparisons | Mismatch rate | Evidence on the new path | Last change |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in statuses:
        rate = mismatch_cell(s)
        when = s.last_change_at.strftime("%Y-%m-%d %H:%M UTC") + " " if s.last_change_at else ""
        lines.append(f"| {s.module} | {s.route} | {s.rollout_percent}% | {s.comparisons} | {rate} | {_cell(evidence_cell(s))} | {_cell(when + s.last_change)} |")
    if kill_switch:
        lines.append("")
        lines.append("**Kill switch engaged: every module that still has legacy code runs on legacy.**")
    if divergences:
        lines += ["", "Declared divergences (mismatches they explain do not block promotion):", ""]
        lines += [f"- {module} / {name}: {_cell(reason)}" for module, name, reason in divergences]
    return "\n".join(lines) + "\n"
