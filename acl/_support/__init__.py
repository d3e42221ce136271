"""What every adapter shares: the legacy session per call, translation helpers, derived ids,
idempotency memory and the legacy ownership monitor."""
