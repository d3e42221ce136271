"""A stored call's arguments read back as the port's types, or refused with why."""
from __future__ import annotations

import pytest

from aicmo.qc.api import DocumentSection, DocumentText, QcPort
from aicmo.strangler.dispatch.compare import as_plain
from aicmo.strangler.evidence.fingerprint import call_fingerprint
from aicmo.strangler.replay.arguments import ReplayInputError, port_arguments

decode = port_arguments(QcPort)
DOCUMENT = DocumentText(section=DocumentSection.STRATEGY, text="Three pillars, weekly.")


def test_a_dto_stored_as_json_reads_back_equal_and_fingerprints_as_the_recorded_call():
    args, kwargs = decode("score_document", as_plain([DOCUMENT]), {})
    assert ((DOCUMENT,), {}) == (args, kwargs)
    assert call_fingerprint("score_document", (DOCUMENT,), {}) == call_fingerprint("score_document", args, kwargs)


def test_keyword_arguments_read_back_by_name():
    assert ((), {"document": DOCUMENT}) == decode("score_document", [], {"document": as_plain(DOCUMENT)})


@pytest.mark.parametrize("method, args, kwargs, message", [
    ("score_document", [{"section": "appendix", "text": "x"}], {}, "argument 'document' no longer reads back"),
    ("rescore_document", [{}], {}, "has no method 'rescore_document'"),
    ("score_document", [{}, {}], {}, "takes other arguments now"),
    ("score_document", [], {"doc": {}}, "takes other arguments now"),
])
def test_a_call_the_port_cannot_take_any_more_says_why(method, args, kwargs, message):
    with pytest.raises(ReplayInputError, match=message):
        decode(method, args, kwargs)
