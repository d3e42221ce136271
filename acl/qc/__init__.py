"""QC over legacy: evaluate_project and the v1 ruleset."""
from acl.qc.adapter import LegacyQc

__all__ = ["LegacyQc"]
