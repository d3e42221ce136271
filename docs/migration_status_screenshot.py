"""README's screenshot of `aicmo migrate report --format html`, from a demo migration made through the library.

    python docs/migration_status_screenshot.py            # writes docs/images/migration-status.png
    python docs/migration_status_screenshot.py --html status.html   # keep the page too

On a scratch SQLite database, on a fixed clock: onboarding shadowed, rolled back and shadowed
again at half the tenants; strategy shadowed with a tenant held on legacy; production shadowed with
a declared divergence; qc through the gate to new (suite runs at the promoted commit, 200
comparisons) and rolled out; an incident's kill switch on and off. Then the page is rendered as
the command renders it and photographed by headless Chromium.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from aicmo.orchestration.bootstrap import DESCRIPTORS, NEW_IMPLEMENTATIONS, prepare_database  # noqa: E402
from aicmo.shared.clock import FixedClock  # noqa: E402
from aicmo.shared.modules import MODULE_DEPENDENCIES  # noqa: E402
from aicmo.strangler.evidence import EvidenceRecorder  # noqa: E402
from aicmo.strangler.migration import (  # noqa: E402
    PromotionPolicy,
    promote_module,
    rollback_module,
    set_kill_switch,
    set_rollout,
    set_tenant_override,
)
from aicmo.strangler.migration.html_report import read_report, render_page  # noqa: E402
from aicmo.strangler.migration.html_report.headless_chromium import chromium, screenshot  # noqa: E402
from aicmo.strangler.routes import Route  # noqa: E402
from aicmo.strangler.schema import strangler_change_sessions, strangler_sessions  # noqa: E402

PNG = ROOT / "docs" / "images" / "migration-status.png"
WIDTH, HEIGHT = 1200, 1420  # down to the route history's axis
COMMIT = "3f2a9c1" + "0" * 33
START = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)


class DemoMigration:
    """The changes of a few weeks of migration, each a library call on the clock's time."""

    def __init__(self, url: str) -> None:
        engine = prepare_database(url, upgrade=True)
        self.changes, self.reads = strangler_change_sessions(engine), strangler_sessions(engine)
        self.clock = FixedClock(START)
        self.recorder = EvidenceRecorder(self.reads, clock=self.clock)
        self.policy = PromotionPolicy(implemented=frozenset(NEW_IMPLEMENTATIONS), min_comparisons=200, commit=COMMIT)
        self.draw = random.Random(17)  # which comparisons mismatch: the same every run

    def later(self, hours: float) -> None:
        self.clock.move_to(self.clock.now() + timedelta(hours=hours))

    def change(self, apply, *args, **kwargs) -> None:
        with self.changes.begin() as session:
            apply(session, self.clock, *args, **kwargs)

    def compare(self, module: str, count: int, mismatch_rate: float = 0.0, divergence: str | None = None) -> None:
        for _ in range(count):
            mismatched = self.draw.random() < mismatch_rate
            self.recorder.record_comparison(module, not mismatched, diff={"changed": ["$.total"]} if mismatched else None,
                                            divergence=divergence if mismatched else None)
        self.later(6)

    def run(self) -> None:
        self.change(promote_module, "qc", "ana", "qc's new scoring on live traffic, answers from legacy", policy=self.policy)
        self.later(20)
        self.compare("qc", 210)
        self.change(promote_module, "onboarding", "bo", "shadow onboarding", policy=self.policy)
        self.later(30)
        self.compare("onboarding", 60, 0.08)
        self.change(rollback_module, "onboarding", "bo", "mismatches on the welcome email's locale")
        self.later(40)
        for suite in ("characterization", "contract"):
            self.recorder.record_suite_run("qc", suite, "new", True, database="sqlite", commit=COMMIT)
        self.change(promote_module, "qc", "ana", "gate green: suites at the commit, 210 comparisons, no mismatch",
                    policy=self.policy)
        self.later(2)
        self.change(set_rollout, "qc", 25, "ana", "a quarter of the tenants first")
        self.later(26)
        self.change(promote_module, "strategy", "chen", "shadow strategy", policy=self.policy)
        self.change(set_tenant_override, "strategy", "acme", Route.LEGACY, "chen", "acme mid-audit: keep it off the new path")
        self.later(12)
        self.compare("strategy", 90, 0.03)
        self.change(set_kill_switch, True, "ops-oncall", "incident: the database's disk filled up")
        self.later(3)
        self.change(set_kill_switch, False, "ops-oncall", "incident resolved")
        self.later(20)
        self.change(set_rollout, "qc", 100, "ana", "a week at 25% without a complaint")
        self.later(20)
        self.change(promote_module, "production", "dee", "shadow production", policy=self.policy)
        name = "calendar_on_utc_date"
        self.recorder.declare_divergence("production", name, "the calendar starts on the UTC date, legacy's on the local one",
                                         "dee", known=DESCRIPTORS["production"].divergences)
        self.later(8)
        self.compare("production", 120, 0.05, divergence=name)
        self.change(promote_module, "onboarding", "bo", "locale fixed; shadow again", policy=self.policy)
        self.change(set_rollout, "onboarding", 50, "bo", "half the tenants while the locale fix beds in")
        self.later(10)
        self.compare("onboarding", 40, 0.02)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=PNG, help="the PNG to write")
    parser.add_argument("--html", type=Path, help="keep the rendered page here too")
    args = parser.parse_args()
    browser = chromium()
    if browser is None:
        print("no Chromium found (install Debian's chromium, or name one in AICMO_CHROMIUM)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="aicmo-demo-") as folder:
        demo = DemoMigration(f"sqlite:///{Path(folder) / 'aicmo.db'}")
        demo.run()
        with demo.reads() as session:
            page = render_page(read_report(session), MODULE_DEPENDENCIES, demo.clock.now())
        html = args.html or Path(folder) / "status.html"
        html.write_text(page, encoding="utf-8")
        args.output.parent.mkdir(parents=True, exist_ok=True)
        screenshot(browser, html, args.output, WIDTH, HEIGHT)
    shown = args.output.resolve().relative_to(ROOT) if args.output.resolve().is_relative_to(ROOT) else args.output
    print(f"{shown}: {args.output.stat().st_size // 1024} KB, {WIDTH}x{HEIGHT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
