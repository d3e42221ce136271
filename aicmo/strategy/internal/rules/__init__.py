"""The plan's rules, reimplemented from legacy: its shape (L-05, L-06, Q-03), validation (L-07) and markdown."""
