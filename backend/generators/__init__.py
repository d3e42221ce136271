"""Legacy generators: strategy, creatives and calendar, all through the LLM client."""
