"""`--format text|json` for the commands operators read and scripts parse.

Text is the default and what a person reads; json is one document on stdout, keys sorted and
indented the same way every time, so a script can parse it and a diff of two runs shows only
what changed. Messages (errors, hints) stay on stderr in both formats.
"""
from __future__ import annotations

import sys
from enum import Enum
from typing import Any

import typer

from aicmo.cli_support.render import stable_json

__all__ = ["FormatOption", "OutputFormat", "write_document"]


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


FormatOption = typer.Option(
    OutputFormat.text, "--format", case_sensitive=False,
    help="text (for people) or json (one sorted document on stdout, for scripts).",
)


def write_document(document: Any) -> None:
    sys.stdout.write(stable_json(document))
