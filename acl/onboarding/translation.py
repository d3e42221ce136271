"""Onboarding translation: legacy ClientIntake, brief dict and project row <-> onboarding DTOs.

They live with the project row's reading in acl._support.project_rows, which other modules'
adapters share and which outlives onboarding's legacy code.
"""
from __future__ import annotations

from acl._support.project_rows import brief_from_legacy, intake_from_legacy, intake_to_legacy, project_from_row

__all__ = ["brief_from_legacy", "intake_from_legacy", "intake_to_legacy", "project_from_row"]
