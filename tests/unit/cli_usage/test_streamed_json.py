"""The --json output written as it is encoded is the same text as stable_json's, byte for byte."""
from __future__ import annotations

import io
import json
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from aicmo.cli_support.render import dump_stable_json, stable_json, write_json

VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(VALUES)
def test_any_result_streams_to_stable_json_s_text(data):
    written = io.StringIO()
    dump_stable_json(data, written)
    assert stable_json(data) == written.getvalue()


def test_the_file_holds_stable_json_s_bytes_non_ascii_and_dates_included(tmp_path: Path):
    data = {"b": [{"é": 1.5, "at": datetime(2026, 1, 15, tzinfo=timezone.utc)}], "a": None}
    write_json(str(tmp_path / "out" / "result.json"), data)
    assert stable_json(data).encode("utf-8") == (tmp_path / "out" / "result.json").read_bytes()
    assert json.loads((tmp_path / "out" / "result.json").read_text(encoding="utf-8"))["b"][0]["é"] == 1.5
