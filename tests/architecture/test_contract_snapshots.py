"""The committed contract schemas and docs/contracts.md match the code."""
from __future__ import annotations

import pytest

from aicmo.strangler.contract_versions import store
from aicmo.strangler.contract_versions.docs import DEFAULT_PATH, render_docs
from aicmo.strangler.contract_versions.export import module_document
from aicmo.strangler.contract_versions.modules import MODULES
from aicmo.strangler.contract_versions.verdict import judge


@pytest.mark.parametrize("module", MODULES)
def test_the_code_keeps_the_committed_contract(module):
    """No breaking change against contract_snapshots/<module>.json without a major version bump."""
    verdict = judge(store.read(store.DEFAULT_DIR, module), module_document(module))
    assert (True, []) == (verdict.passed, [str(c) for c in verdict.breaking if not verdict.major_raised])


@pytest.mark.parametrize("module", MODULES)
def test_the_committed_contract_is_current(module):
    """contract_snapshots/<module>.json is exactly what `aicmo contracts update` would write."""
    assert store.dump(module_document(module)) == (store.DEFAULT_DIR / f"{module}.json").read_text(encoding="utf-8")


def test_the_contract_docs_are_current():
    """docs/contracts.md is exactly what `aicmo contracts docs` generates from the code."""
    assert render_docs() == DEFAULT_PATH.read_text(encoding="utf-8")
