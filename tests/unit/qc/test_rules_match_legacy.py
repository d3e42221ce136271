"""Differential: the new ruleset v1 gives legacy's results on generated texts (no divergence declared)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aicmo.qc.api import DocumentSection
from aicmo.qc.internal.rules.creative_findings import creative_findings
from aicmo.qc.internal.rules.document_score import score_document
from aicmo.qc.internal.rules.word_lists import BANNED_CLAIMS, CLICHES, DOCUMENT_PLACEHOLDERS, STOCK_PHRASES
from backend.services import qc_rules

pytestmark = pytest.mark.legacy_internals("qc")

RULES = settings(max_examples=300, derandomize=True, database=None, deadline=None)
# texts built from the rules' own vocabulary, so the interesting branches are hit often
pieces = st.sampled_from(
    list(STOCK_PHRASES + CLICHES + BANNED_CLAIMS + DOCUMENT_PLACEHOLDERS)
    + ["our Brand", "Yours Truly", "your team", "# Heading", "\n", "word", "Word", "  ", "É", "'s"]
)
texts = st.one_of(st.lists(pieces, max_size=40).map(" ".join), st.text(max_size=60))


def test_the_word_lists_are_legacy_s():
    """The lists carry legacy's entries in legacy's order: order decides the order of findings."""
    assert (list(STOCK_PHRASES), list(CLICHES), list(BANNED_CLAIMS), list(DOCUMENT_PLACEHOLDERS)) == (
        qc_rules.STOCK_PHRASES, qc_rules.CLICHES, qc_rules.BANNED_CLAIMS, qc_rules.DOC_PLACEHOLDERS)


@RULES
@given(hook=texts, caption=texts)
def test_creative_findings_equal_legacy(hook, caption):
    """Same findings, same order, same messages as qc_rules.creative_findings."""
    new = [{"rule": f.rule.value, "severity": f.severity.value, "message": f.message} for f in creative_findings(hook, caption)]
    assert qc_rules.creative_findings(hook, caption) == new


@RULES
@given(text=texts, section=st.sampled_from(list(DocumentSection)))
def test_document_scores_equal_legacy(text, section):
    """Same score, status, counts, clichés and deductions as qc_rules.score_document."""
    new = score_document(text, section)
    assert qc_rules.score_document(text, section.value) == {
        "section": section.value, "score": new.score, "status": new.status.value, "word_count": new.word_count,
        "placeholders": new.placeholders, "cliches": list(new.cliches),
        "deductions": {d.value: points for d, points in new.deductions.items()},
    }
