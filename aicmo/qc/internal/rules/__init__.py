"""QC ruleset v1 as pure functions over text (spec section 4), one rule per file."""
