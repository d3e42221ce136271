"""Legacy shared core: the global session and configuration."""
