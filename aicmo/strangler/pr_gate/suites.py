"""The characterization and port contract suites of the touched modules, as pytest arguments.

A module's suites: the folder `tests/port_suites/<module>/`, the characterization files named
after it (`test_<module>.py`, `test_<module>_*.py`), and any other characterization file that
records promotion evidence for it (`aicmo_evidence(module="<module>")`, e.g. the operator flow's
settings, whose tests each pin one module). When every module is touched the two folders run
whole, their shared files (the port pins, the operator journey) included.
"""
from __future__ import annotations

import re
from pathlib import Path

from aicmo.strangler.pr_gate.touched import Touched, module_of

CHARACTERIZATION = "tests/characterization"
PORT_SUITES = "tests/port_suites"
EVIDENCE_MARK = re.compile(r"""aicmo_evidence\(\s*module\s*=\s*["'](\w+)["']""")


def _evidence_modules(path: Path) -> set[str]:
    return set(EVIDENCE_MARK.findall(path.read_text(encoding="utf-8")))


def module_suites(root: Path, module: str, modules: tuple[str, ...]) -> list[str]:
    """The suite files and folders of one module, repository-relative."""
    found = []
    for path in sorted((root / CHARACTERIZATION).glob("test_*.py")):
        name = path.relative_to(root).as_posix()
        if module_of(name, modules) == module or module in _evidence_modules(path):
            found.append(name)
    if (root / PORT_SUITES / module).is_dir():
        found.append(f"{PORT_SUITES}/{module}")
    return found


def selected_suites(root: Path, touched: Touched, modules: tuple[str, ...]) -> list[str]:
    if touched.everything:
        return [folder for folder in (CHARACTERIZATION, PORT_SUITES) if (root / folder).is_dir()]
    chosen: list[str] = []
    for module in modules:
        if module in touched.modules:
            chosen += [path for path in module_suites(root, module, modules) if path not in chosen]
    return chosen
