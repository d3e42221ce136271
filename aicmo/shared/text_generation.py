"""The text generator a new implementation asks for drafts, captions and rewrites.

Legacy generators call the process's LLM client directly (`backend.llm.client`); a new
implementation may not import legacy, so it asks this port instead. The composition root
answers it with the same client (`acl/_support/text_generator.py`), so both paths ask the same
providers with the same task, prompt and context, and a provider configured for a run (the
template provider by default, a fake one in tests) answers both alike.
"""
from __future__ import annotations

from typing import Any, Mapping, Protocol, runtime_checkable

__all__ = ["TEXT_GENERATOR", "TextGenerator"]

# the key under which the composition root hands the generator to a descriptor's build
TEXT_GENERATOR = "text_generator"


@runtime_checkable
class TextGenerator(Protocol):
    """Completes a prompt; the first provider's non-empty answer, or "" when none answers."""

    def complete(self, task: str, prompt: str, context: Mapping[str, Any]) -> str:
        ...
