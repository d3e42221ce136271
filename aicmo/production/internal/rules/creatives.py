"""L-10..L-12: the nine creative drafts of a strategy, and the prompts their captions are asked with."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

__all__ = [
    "CaptionRequest",
    "CreativeDraft",
    "MIN_CAPTION_LENGTH",
    "caption_request",
    "creative_drafts",
    "creative_format",
    "fallback_caption",
    "hook_for",
    "or_fallback",
    "rewrite_request",
]

# platforms in the order the creatives are made: each with every pillar (L-10)
PLATFORMS = ("Instagram", "LinkedIn", "Twitter")
PILLAR_CTAS = ("Learn more", "Get started", "See how it works")
TONES = {"LinkedIn": "professional", "Instagram": "friendly", "Twitter": "bold"}
HOOK_DESCRIPTION_CHARS = 80
MIN_CAPTION_LENGTH = 20


@attrs.frozen
class CaptionRequest:
    """What the text generator is asked for one caption: the task, the prompt and the context."""

    task: str
    prompt: str
    context: Mapping[str, Any]


@attrs.frozen
class CreativeDraft:
    """A creative before its caption: everything L-10 and L-11 decide, and how to ask for the caption."""

    platform: str
    format: str
    pillar_index: int
    pillar_name: str
    hook: str
    cta: str
    tone: str
    caption_request: CaptionRequest


def creative_format(platform: str, pillar_index: int) -> str:
    if platform == "Instagram":
        return "reel" if pillar_index == 0 else "static_post"
    if platform == "LinkedIn":
        return "post"
    return "thread"


def hook_for(pillar_name: str, description: str) -> str:
    # the ellipsis is added even when nothing was cut
    return f"{pillar_name}: {description[:HOOK_DESCRIPTION_CHARS]}..."


def fallback_caption(brand_name: str, pillar_name: str, cta: str) -> str:
    return f"{brand_name} — {pillar_name}. {cta}."


def or_fallback(caption: str, brand_name: str, pillar_name: str, cta: str) -> str:
    """L-12: a caption shorter than 20 characters is replaced by the fallback."""
    return fallback_caption(brand_name, pillar_name, cta) if len(caption) < MIN_CAPTION_LENGTH else caption


def caption_request(brief: Mapping[str, Any], platform: str, pillar_index: int, pillar: Mapping[str, Any], cta: str) -> CaptionRequest:
    """The caption of one creative, asked as legacy asks it (the brief and pillar as JSON values)."""
    offers = brief["offers"]
    return CaptionRequest(
        task="caption",
        prompt=f"Write a {TONES[platform]} {platform} caption about '{pillar['name']}' ending with '{cta}'.",
        context={
            "brand_name": brief["brand_name"],
            "platform": platform,
            "pillar": dict(pillar),
            "offer": offers[pillar_index % len(offers)] if offers else "",
            "cta": cta,
        },
    )


def rewrite_request(brief: Mapping[str, Any], platform: str, pillar_name: str, cta: str, caption: str) -> CaptionRequest:
    """L-18b: one rewrite of a failing creative's caption."""
    return CaptionRequest(
        task="rewrite",
        prompt=f"Rewrite this {platform} caption without clichés or claims: {caption}",
        context={
            "brand_name": brief["brand_name"],
            "primary_customer": brief["primary_customer"],
            "pillar_name": pillar_name,
            "cta": cta,
            "caption": caption,
        },
    )


def creative_drafts(brief: Mapping[str, Any], pillars: Sequence[Mapping[str, Any]]) -> list[CreativeDraft]:
    """Every platform times every pillar, in that order (the order of positions and of the provider's calls)."""
    drafts = []
    for platform in PLATFORMS:
        for index, pillar in enumerate(pillars):
            cta = PILLAR_CTAS[index % len(PILLAR_CTAS)]
            drafts.append(CreativeDraft(
                platform=platform,
                format=creative_format(platform, index),
                pillar_index=index,
                pillar_name=pillar["name"],
                hook=hook_for(pillar["name"], pillar["description"]),
                cta=cta,
                tone=TONES[platform],
                caption_request=caption_request(brief, platform, index, pillar, cta),
            ))
    return drafts
