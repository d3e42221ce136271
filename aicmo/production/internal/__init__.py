"""Production's new implementation: its own tables, generation rules, unit of work, outbox and service.

Private to the production module; the composition root builds it from `descriptor.DESCRIPTOR`.
"""
