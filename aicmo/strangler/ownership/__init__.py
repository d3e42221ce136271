"""Data ownership (architecture rule 5), checked statically on the source.

Writes to a table whose owner (aicmo.shared.persistence.ownership) is another module are
findings; they ratchet against `ownership-baseline.json` like the boundary findings.
The runtime half of the rule is the guard in aicmo.shared.persistence.
"""
from aicmo.strangler.ownership.check import check
from aicmo.strangler.ownership.writes import Write

__all__ = ["Write", "check"]
