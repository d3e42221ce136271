"""Onboarding: a signed client's intake becomes a brief and a client project."""
