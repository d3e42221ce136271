"""One finding of a check: what rule, where, and what to do instead."""
from __future__ import annotations

import attrs


@attrs.frozen
class Finding:
    rule: str
    # Identity in the baseline: names the violation (who -> what), never a line number, so
    # it survives line moves and reformatting while a different violation gets a new key.
    key: str
    file: str  # repository-relative posix path of the offending file
    line: int
    message: str
    alternative: str = ""

    def describe(self) -> str:
        text = f"{self.file}:{self.line}: [{self.rule}] {self.message}"
        return f"{text} -> {self.alternative}" if self.alternative else text
