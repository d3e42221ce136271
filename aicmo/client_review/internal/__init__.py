"""Client review's new implementation: its own tables, rules, unit of work, outbox and service.

Private to the client_review module; the composition root builds it from `descriptor.DESCRIPTOR`.
"""
