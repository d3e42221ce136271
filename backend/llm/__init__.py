"""Legacy LLM access: a provider chain ending in the deterministic template provider."""
from backend.llm.client import LLMClient, get_llm_client, set_llm_client
from backend.llm.templates import TemplateProvider

__all__ = ["LLMClient", "TemplateProvider", "get_llm_client", "set_llm_client"]
