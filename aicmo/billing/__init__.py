"""Billing: the proposal, milestone invoices with tax, payments."""
