"""Helpers of the `aicmo` command: input loading, reproducible runs, rendering."""
