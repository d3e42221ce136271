"""Onboarding over legacy: intake, brief and the project row in cam_campaigns."""
from acl.onboarding.adapter import LegacyOnboarding

__all__ = ["LegacyOnboarding"]
