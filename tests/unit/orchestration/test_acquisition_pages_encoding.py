"""The acquisition output's parts, encoded on their own and indented to their depth, are stable_json's bytes."""
from __future__ import annotations

import json
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from aicmo.cli_support.render import stable_json
from aicmo.orchestration.acquisition_pages import encoded

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text() | st.uuids()
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(VALUES, st.integers(min_value=0, max_value=3))
def test_a_value_encoded_at_a_depth_is_what_the_indenting_encoder_writes_there(value, depth):
    nested = value
    for _ in range(depth):
        nested = {"k": nested}
    expected = json.dumps(nested, sort_keys=True, indent=2, ensure_ascii=False, default=str)
    written = encoded(value, depth)
    for level in range(depth):
        written = "{\n" + "  " * (depth - level) + '"k": ' + written + "\n" + "  " * (depth - level - 1) + "}"
    assert expected == written


def test_a_dict_with_keys_json_converts_is_encoded_as_json_does():
    value = {2: "b", 1: {"y": [uuid.UUID(int=1)], "x": 0.1}}
    assert stable_json(value) == encoded(value, 0) + "\n"
