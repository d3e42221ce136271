"""Onboarding's new implementation: its own project tables, state machine, unit of work and service.

Private to the onboarding module; the composition root builds it from `descriptor.DESCRIPTOR`.
"""
