"""Reporting's new implementation: performance reports in reporting's own tables, legacy's numbers to the bit.

Nothing outside the module imports this package but the composition root (its descriptor).
"""
