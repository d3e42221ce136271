"""Strategy: the marketing plan drafted from the brief, validated and decided on."""
