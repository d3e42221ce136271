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
    # other places the same finding is made (file, line): a cycle closed by imports in several
    # files. `--changed` reports the finding at the first of them the change touched.
    elsewhere: tuple[tuple[str, int], ...] = attrs.field(default=(), converter=lambda places: tuple(map(tuple, places)))

    def at(self, file: str, line: int) -> "Finding":
        """The same finding reported at another of its places."""
        places = sorted({(self.file, self.line), *self.elsewhere} - {(file, line)})
        return attrs.evolve(self, file=file, line=line, elsewhere=tuple(places))

    def describe(self) -> str:
        text = f"{self.file}:{self.line}: [{self.rule}] {self.message}"
        return f"{text} -> {self.alternative}" if self.alternative else text
