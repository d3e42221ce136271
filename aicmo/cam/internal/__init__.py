"""cam's new implementation: campaigns, leads, outreach and replies in cam's own tables."""
