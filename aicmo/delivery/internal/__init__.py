"""Delivery's new implementation: its own tables, packaging rules, unit of work, outbox and service.

Private to the delivery module; the composition root builds it from `descriptor.DESCRIPTOR`.
"""
