"""The characterization and port contract suites of the touched modules, as pytest arguments.

A module's suites are found by name: `tests/characterization/test_<module>.py` and
`test_<module>_*.py`, and the folder `tests/port_suites/<module>/` (the same files carry
`aicmo_evidence(module=<module>)`; a test keeps the two in step). When every module is touched the
two folders run whole, their shared files (the port pins, the operator flow) included.
"""
from __future__ import annotations

from pathlib import Path

from aicmo.strangler.pr_gate.touched import Touched, module_of

CHARACTERIZATION = "tests/characterization"
PORT_SUITES = "tests/port_suites"


def module_suites(root: Path, module: str, modules: tuple[str, ...]) -> list[str]:
    """The suite files and folders of one module, repository-relative."""
    found = [
        path.relative_to(root).as_posix()
        for path in sorted((root / CHARACTERIZATION).glob(f"test_{module}*.py"))
        if module_of(path.relative_to(root).as_posix(), modules) == module
    ]
    if (root / PORT_SUITES / module).is_dir():
        found.append(f"{PORT_SUITES}/{module}")
    return found


def selected_suites(root: Path, touched: Touched, modules: tuple[str, ...]) -> list[str]:
    if touched.everything:
        return [folder for folder in (CHARACTERIZATION, PORT_SUITES) if (root / folder).is_dir()]
    return [path for module in modules if module in touched.modules for path in module_suites(root, module, modules)]
