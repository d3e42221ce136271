"""TextGenerator over the legacy LLM client: new implementations ask the providers legacy asks."""
from __future__ import annotations

from typing import Any, Mapping

from backend.llm.client import get_llm_client

__all__ = ["LegacyTextGenerator"]


class LegacyTextGenerator:
    """Looks the client up on every call: a test or a run may replace it (`set_llm_client`) at any time."""

    def complete(self, task: str, prompt: str, context: Mapping[str, Any]) -> str:
        # legacy hands its providers a dict and lets them read it; a copy keeps ours unchanged
        return get_llm_client().complete(task, prompt, dict(context))
