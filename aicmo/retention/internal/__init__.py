"""Retention's new implementation: renewal risk, lifecycle stage and upsell in retention's own tables.

Nothing outside the module imports this package but the composition root (its descriptor).
"""
