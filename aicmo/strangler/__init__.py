"""The migration machinery around the frozen legacy code."""
