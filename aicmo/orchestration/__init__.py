"""Orchestration: flows across modules (the journey and acquisition runners) and the composition root."""
