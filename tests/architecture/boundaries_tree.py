"""Helpers for the planted-fault tests: a temporary copy of the fixture tree and its verdicts."""
from __future__ import annotations

import shutil
from pathlib import Path

from aicmo.strangler.boundaries import analyse, load_config
from aicmo.strangler.ratchet import Baseline, Verdict, compare

FIXTURE = Path(__file__).parent / "fixtures" / "boundaries_tree"
# a Django-shaped project: apps, a GraphQL layer split per app, a shared kernel, tests, migrations
DJANGO_SHOP = Path(__file__).parent / "fixtures" / "django_shop"


def copy_tree(target: Path, fixture: Path = FIXTURE) -> Path:
    root = target / "tree"
    shutil.copytree(fixture, root, ignore=shutil.ignore_patterns("__pycache__", ".grimp_cache", ".aicmo_cache"))
    return root


def boundaries_verdict(root: Path) -> Verdict:
    config = load_config(root)
    return compare(analyse(config).findings, Baseline.read(config.baseline_path, "boundaries"))


def plant(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def new_rules(verdict: Verdict) -> list[str]:
    return sorted(f.rule for f in verdict.new)
