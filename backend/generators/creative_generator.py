"""Creative variants: three platforms times the three pillars (spec L-10..L-12)."""
from __future__ import annotations

from typing import Any

from aicmo.domain import CreativeVariant, StrategyDoc
from backend.llm.client import get_llm_client

PLATFORMS = ["Instagram", "LinkedIn", "Twitter"]
PILLAR_CTAS = ["Learn more", "Get started", "See how it works"]
TONES = {"LinkedIn": "professional", "Instagram": "friendly", "Twitter": "bold"}
HOOK_DESCRIPTION_CHARS = 80
MIN_CAPTION_LENGTH = 20


def creative_format(platform: str, pillar_index: int) -> str:
    if platform == "Instagram":
        return "reel" if pillar_index == 0 else "static_post"
    if platform == "LinkedIn":
        return "post"
    return "thread"


def make_hook(pillar_name: str, description: str) -> str:
    # the ellipsis is added even when nothing was cut
    return f"{pillar_name}: {description[:HOOK_DESCRIPTION_CHARS]}..."


def fallback_caption(brand_name: str, pillar_name: str, cta: str) -> str:
    return f"{brand_name} — {pillar_name}. {cta}."


def generate_caption(
    brief: dict[str, Any], platform: str, pillar_index: int, pillar: dict[str, Any], cta: str
) -> str:
    prompt = f"Write a {TONES[platform]} {platform} caption about '{pillar['name']}' ending with '{cta}'."
    offers = brief["offers"]
    context = {
        "brand_name": brief["brand_name"],
        "platform": platform,
        "pillar": pillar,
        "offer": offers[pillar_index % len(offers)] if offers else "",
        "cta": cta,
    }
    caption = get_llm_client().complete("caption", prompt, context)
    if len(caption) < MIN_CAPTION_LENGTH:
        caption = fallback_caption(brief["brand_name"], pillar["name"], cta)
    return caption


def generate_creatives(brief: dict[str, Any], strategy: StrategyDoc) -> list[CreativeVariant]:
    variants = []
    for platform in PLATFORMS:
        for index, pillar in enumerate(strategy.pillars):
            cta = PILLAR_CTAS[index % len(PILLAR_CTAS)]
            variants.append(
                CreativeVariant(
                    platform=platform,
                    format=creative_format(platform, index),
                    pillar_index=index,
                    pillar_name=pillar.name,
                    hook=make_hook(pillar.name, pillar.description),
                    caption=generate_caption(brief, platform, index, pillar.model_dump(), cta),
                    cta=cta,
                    tone=TONES[platform],
                )
            )
    return variants


def rewrite_caption(brief: dict[str, Any], creative: CreativeVariant) -> str:
    """L-18b: one rewrite of a failing creative's caption by the provider."""
    prompt = (
        f"Rewrite this {creative.platform} caption without clichés or claims: {creative.caption}"
    )
    context = {
        "brand_name": brief["brand_name"],
        "primary_customer": brief["primary_customer"],
        "pillar_name": creative.pillar_name,
        "cta": creative.cta,
        "caption": creative.caption,
    }
    caption = get_llm_client().complete("rewrite", prompt, context)
    if len(caption) < MIN_CAPTION_LENGTH:
        caption = fallback_caption(brief["brand_name"], creative.pillar_name, creative.cta)
    return caption
