"""Legacy AICMO backend: database, LLM client, services and generators."""
