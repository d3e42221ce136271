"""Retention over legacy: assess_retention and retention_assessments rows."""
from acl.retention.adapter import LegacyRetention

__all__ = ["LegacyRetention"]
