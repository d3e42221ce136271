"""The PR gate behind `aicmo check`: every check a migration PR must pass, in one run and one report.

`touched` says which business modules a change touches, `suites` which characterization and port
contract suites that selects, `steps` runs the legacy freeze, contracts, boundaries, ownership and
the suites, `report` folds their outcomes into one report and renders it.
"""
from aicmo.strangler.pr_gate.gate import GateInputError, run_gate
from aicmo.strangler.pr_gate.report import GateReport

__all__ = ["GateInputError", "GateReport", "run_gate"]
