"""Billing over legacy: proposal, billing_invoices rows, payments."""
from acl.billing.adapter import LegacyBilling

__all__ = ["LegacyBilling"]
