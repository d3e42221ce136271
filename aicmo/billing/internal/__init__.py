"""Billing's new implementation: invoices and payments in billing's own tables, money as Decimal.

Nothing outside the module imports this package but the composition root (its descriptor).
"""
