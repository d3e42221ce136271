"""The LLM client every generator goes through.

Providers are tried in order; the first non-empty answer wins. A provider that raises is
skipped. Without configured providers the template provider answers.
"""
from __future__ import annotations

import logging
from typing import Any, Protocol

from backend.llm.templates import TemplateProvider

log = logging.getLogger(__name__)


class Provider(Protocol):
    name: str

    def complete(self, task: str, prompt: str, context: dict[str, Any]) -> str: ...


class LLMClient:
    def __init__(self, providers: list[Provider] | None = None):
        self.providers: list[Provider] = list(providers) if providers else [TemplateProvider()]

    def complete(self, task: str, prompt: str, context: dict[str, Any] | None = None) -> str:
        context = context or {}
        for provider in self.providers:
            try:
                text = provider.complete(task, prompt, context)
            except Exception as exc:  # legacy: any provider error falls through to the next
                log.warning("provider %s failed on %s: %s", getattr(provider, "name", provider), task, exc)
                continue
            if text:
                return text
        return ""


_client: LLMClient | None = None


def get_llm_client() -> LLMClient:
    global _client
    if _client is None:
        _client = LLMClient()
    return _client


def set_llm_client(client: LLMClient | None) -> None:
    global _client
    _client = client
