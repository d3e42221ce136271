"""A leads or replies CSV file checked before the legacy reader opens it.

The legacy reader trusts its file: a row with more cells than the header reaches it as a
list and fails with AttributeError, a cell over the csv module's limit raises _csv.Error,
and a file in another encoding raises UnicodeDecodeError. Here every row is read once as
text and each of those is one line naming the file, the row and the column.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from pydantic import BaseModel, ValidationError

from aicmo.cli_support.input_error import InputError
from aicmo.cli_support.input_text import CSV_FILE_LIMIT, read_text

__all__ = ["MAX_CELL", "check_csv"]

# far above any limit of a column (the longest is a reply body of 10,000 characters), far below
# what would make a single row costly; the csv module's own limit is 131,072
MAX_CELL = 20_000


def _cell_error(path: Path, row: int, header: list[str], error: ValidationError) -> InputError:
    item = error.errors()[0]
    column = str(item["loc"][0]) if item["loc"] else "?"
    return InputError(f"{path} row {row}, column {column}: {item['msg']}")


def check_csv(path: Path, limits: type[BaseModel]) -> int:
    """The number of data rows; InputError for a file or row the legacy reader must not see."""
    text = read_text(path, CSV_FILE_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""))
    previous_limit = csv.field_size_limit(MAX_CELL)
    rows = 0
    try:
        header = [cell.strip() for cell in next(reader, [])]
        for cells in reader:
            if not cells:  # a blank line: the legacy reader skips it too
                continue
            rows += 1
            if len(cells) != len(header):
                raise InputError(f"{path} row {rows}: {len(cells)} cells but the header has {len(header)}")
            try:
                limits.model_validate(dict(zip(header, cells)))
            except ValidationError as exc:
                raise _cell_error(path, rows, header, exc) from None
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise InputError(f"{path} row {rows + 1}: a cell over {MAX_CELL:,} characters") from None
        raise InputError(f"{path} row {rows + 1}: {exc}") from None
    finally:
        csv.field_size_limit(previous_limit)
    return rows
