"""The gate's steps: each check's library called directly, its outcome as a StepResult.

A step that cannot run (no manifest, a broken configuration) is an ERROR; a step whose check
finds a fault FAILED. Imports sit inside the steps: the command's help loads none of them.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

from aicmo.strangler.pr_gate.report import ERROR, FAILED, PASSED, SKIPPED, Issue, StepResult
from aicmo.strangler.ratchet.baseline import Baseline, Verdict, compare
from aicmo.strangler.ratchet.finding import Finding

if TYPE_CHECKING:
    from aicmo.strangler.boundaries import BoundaryConfig

CONTRACTS_DIR = "contract_snapshots"
FROZEN_HINT = "legacy is frozen: revert the edit (legacy changes only by deletion, once its module is deleted)"


def legacy_freeze(root: Path) -> StepResult:
    from aicmo.strangler.legacy_freeze import MANIFEST_NAME, check_freeze

    if not (root / MANIFEST_NAME).is_file():
        return StepResult("legacy-freeze", ERROR, f"no {MANIFEST_NAME} at {root}")
    violations = check_freeze(root)
    issues = tuple(Issue(v.kind, v.path, 1, f"{v}; {FROZEN_HINT}", key=f"{v.kind}:{v.path}") for v in violations)
    summary = f"{len(violations)} legacy file(s) modified, added or deleted" if violations else "legacy untouched"
    return StepResult("legacy-freeze", FAILED if violations else PASSED, summary, issues)


def contracts(root: Path) -> StepResult:
    from aicmo.strangler.contract_versions import store
    from aicmo.strangler.contract_versions.export import module_document
    from aicmo.strangler.contract_versions.modules import MODULES
    from aicmo.strangler.contract_versions.verdict import judge

    folder = root / CONTRACTS_DIR
    issues = []
    failed = []
    for module in MODULES:
        verdict = judge(store.read(folder, module), module_document(module))
        if verdict.passed:
            continue
        failed.append(module)
        where = f"{CONTRACTS_DIR}/{module}.json"
        if verdict.problem:
            issues.append(Issue("problem", where, 1, f"{module}: {verdict.problem}", key=f"{module}:problem"))
            continue
        bump = f"raise {module}'s CONTRACT_VERSION major (committed {verdict.committed_version}, code {verdict.code_version})"
        issues += [Issue("breaking-change", where, 1, f"{module}: {change}; {bump}", key=f"{module}:{change}")
                   for change in verdict.breaking]
    summary = f"breaking without a major bump: {', '.join(failed)}" if failed else f"{len(MODULES)} contracts compatible"
    return StepResult("contracts", FAILED if failed else PASSED, summary, tuple(issues))


def _ratchet_result(name: str, verdict: Verdict) -> StepResult:
    def issue(finding: Finding, level: str) -> Issue:
        text = f"{finding.message} -> {finding.alternative}" if finding.alternative else finding.message
        return Issue(finding.rule, finding.file, finding.line, text, level, finding.key)

    issues = [issue(f, "error") for f in verdict.new]
    issues += [Issue(e.rule, e.file, 1, f"stale baseline entry {e.key}: no longer found; run `aicmo {name} baseline --prune`",
                     key=e.key) for e in verdict.stale]
    issues += [issue(f, "warning") for f in verdict.baselined]
    summary = f"{len(verdict.new)} new, {len(verdict.stale)} stale, {len(verdict.baselined)} baselined"
    return StepResult(name, PASSED if verdict.passed else FAILED, summary, tuple(issues))


def boundaries(config: "BoundaryConfig", scope: Optional[set[str]]) -> StepResult:
    from aicmo.strangler.boundaries import GraphError, analyse

    try:
        findings = analyse(config).findings
    except GraphError as exc:
        return StepResult("boundaries", ERROR, str(exc))
    return _ratchet_result("boundaries", compare(findings, Baseline.read(config.baseline_path, "boundaries"), scope))


def ownership(config: "BoundaryConfig", scope: Optional[set[str]]) -> StepResult:
    from aicmo.strangler.ownership import check

    path = config.root / config.ownership.get("baseline", "ownership-baseline.json")
    return _ratchet_result("ownership", compare(check(config), Baseline.read(path, "ownership"), scope))


def suites(root: Path, paths: list[str], run: bool, because: str) -> StepResult:
    if not paths:
        return StepResult("suites", SKIPPED, f"no suite selected ({because})")
    if not run:
        return StepResult("suites", SKIPPED, f"not run (--no-suites); selected: {', '.join(paths)}")
    from aicmo.strangler.pr_gate.suite_run import CANNOT_RUN, run_suites

    outcome = run_suites(root, paths)
    if outcome.exit_code in CANNOT_RUN:
        return StepResult("suites", ERROR, f"pytest could not run the suites (exit {outcome.exit_code})")
    issues = tuple(Issue("test-failed", f.file, f.line, f"{f.nodeid}: {f.message}", key=f.nodeid) for f in outcome.failed)
    if outcome.ok:
        return StepResult("suites", PASSED, f"{outcome.passed} passed in {', '.join(paths)}")
    if not issues:  # no test collected, or pytest stopped without naming a test
        issues = (Issue("no-tests", paths[0], 1, f"pytest exit {outcome.exit_code}: no test ran"),)
    return StepResult("suites", FAILED, f"{len(outcome.failed)} failed, {outcome.passed} passed", issues)
