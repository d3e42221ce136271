"""Reporting over legacy: the metrics simulator, build_report, snapshots, efficiency, attribution."""
from acl.reporting.adapter import LegacyReporting

__all__ = ["LegacyReporting"]
