"""Malformed intakes and leads files, generated: exit 2, one line naming the file and the field, nothing written."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import text

from aicmo.cli_support.input_limits import IntakeLimits, LeadRowLimits
from tests.e2e.conftest import EXAMPLES

FUZZ = settings(max_examples=10, derandomize=True, database=None, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
LEADS = (EXAMPLES / "leads.csv").read_text(encoding="utf-8").splitlines()
HEADER = LEADS[0].split(",")
INTAKE = json.loads((EXAMPLES / "intake_us_sales.json").read_text(encoding="utf-8"))
TEXT_FIELDS = sorted(name for name, field in IntakeLimits.model_fields.items() if "list" not in str(field.annotation))


def _limit(model, name: str) -> int:
    return next(m.max_length for m in model.model_fields[name].metadata if hasattr(m, "max_length"))


def _max_length(name: str) -> int:
    annotation = IntakeLimits.model_fields[name].annotation
    return next(m.max_length for m in annotation.__args__[0].__metadata__ if hasattr(m, "max_length"))


@st.composite
def bad_intakes(draw) -> tuple[bytes, str]:
    """An intake file and the words its error must contain."""
    kind = draw(st.sampled_from(["deep", "long", "nul", "escaped_nul", "latin1", "utf16"]))
    field = draw(st.sampled_from(TEXT_FIELDS))
    data = dict(INTAKE)
    if kind == "deep":
        depth = draw(st.integers(17, 5000))
        return ('{"brand_name": "Acme", "offers": ' + "[" * depth + "]" * depth + "}").encode(), "nested deeper"
    if kind == "long":
        data[field] = "x" * (_max_length(field) + draw(st.integers(1, 10_000)))
        return json.dumps(data).encode(), f"field '{field}'"
    if kind == "nul":
        return json.dumps({**data, field: "a"}).encode().replace(b'"a"', b'"a\x00"'), "NUL byte"
    if kind == "escaped_nul":
        return json.dumps({**data, field: "a\x00b"}).encode(), f"field '{field}'"
    if kind == "latin1":
        return json.dumps({**data, field: "Zürich"}, ensure_ascii=False).encode("latin-1"), "not UTF-8"
    return json.dumps(data).encode("utf-16"), "not UTF-8"


@st.composite
def bad_leads(draw) -> tuple[bytes, str]:
    """A leads file and the words its error must contain."""
    kind = draw(st.sampled_from(["more_cells", "fewer_cells", "long_cell", "huge_cell", "nul", "latin1", "utf16", "binary"]))
    row = draw(st.integers(1, len(LEADS) - 1))
    lines = list(LEADS)
    cells = lines[row].split(",")
    if kind == "more_cells":
        lines[row] += "," * draw(st.integers(1, 50))
        expected = f"row {row}:"
    elif kind == "fewer_cells":
        lines[row] = ",".join(cells[: draw(st.integers(1, len(cells) - 1))])
        expected = f"row {row}:"
    elif kind == "long_cell":
        column = draw(st.sampled_from(HEADER))
        cells[HEADER.index(column)] = "y" * (_limit(LeadRowLimits, column) + draw(st.integers(1, 5000)))
        lines[row] = ",".join(cells)
        expected = f"row {row}, column {column}"
    elif kind == "huge_cell":
        cells[0] = "z" * draw(st.integers(20_001, 400_000))
        lines[row] = ",".join(cells)
        expected = f"row {row}:"
    elif kind == "nul":
        lines[row] = lines[row].replace(",", ",\x00", 1)
        expected = f"NUL byte at line {row + 1}"
    content = "\n".join(lines) + "\n"
    if kind == "latin1":
        return content.replace(cells[0], cells[0] + "é", 1).encode("latin-1"), "not UTF-8"
    if kind == "utf16":
        return content.encode("utf-16"), "not UTF-8"
    if kind == "binary":
        return draw(st.binary(min_size=1, max_size=200)) + b"\xff\xfe\x80", "not UTF-8"
    return content.encode(), expected


def _rows(database) -> int:
    with database.engine.connect() as connection:
        return sum(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                   for table in ("cam_campaigns", "cam_leads"))


def _refused(aicmo, workdir, database, name: str, content: bytes, expected: str, *command: str) -> None:
    path = workdir / name
    path.write_bytes(content)
    result = aicmo(*command, path, "--database-url", database.url)
    assert 2 == result.exit_code, result.output
    lines = result.stderr.strip().splitlines()
    assert 1 == len(lines), result.stderr
    assert name in lines[0] and expected in lines[0], lines[0]
    assert "Traceback" not in result.output
    assert 0 == _rows(database)
    assert not (workdir / "out").exists()


def test_malformed_intakes_are_refused_before_anything_is_written(aicmo, workdir, legacy_database, database):
    """Deep nesting, over-long fields, NUL bytes and other encodings: exit 2, one line, no row, no out/."""

    @FUZZ
    @given(bad_intakes())
    def check(case):
        _refused(aicmo, workdir, database, "intake.json", *case, "run")

    check()


def test_malformed_leads_files_are_refused_before_anything_is_written(aicmo, workdir, legacy_database, database):
    """Cells too many or too few, over-long or huge cells, NUL bytes and other encodings: exit 2, one line, no row."""

    @FUZZ
    @given(bad_leads())
    def check(case):
        _refused(aicmo, workdir, database, "leads.csv", *case, "acquire")

    check()
