"""Persistence kernel: table ownership, module-scoped sessions, unit of work, outbox."""
