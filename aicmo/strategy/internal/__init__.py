"""Strategy's new implementation: its own tables, the plan's rules, unit of work, outbox and service.

Private to the strategy module; the composition root builds it from `descriptor.DESCRIPTOR`.
"""
