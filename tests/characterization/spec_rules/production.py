"""The spec's numbers and words for production (legacy-spec section 3), as plain constants."""
from __future__ import annotations

# L-10: 3 platforms x 3 pillars; format, CTA by pillar index, tone by platform
PLATFORMS = ("Instagram", "LinkedIn", "Twitter")
CREATIVES_PER_PROJECT = 9
PILLAR_CTAS = ("Learn more", "Get started", "See how it works")
TONES = {"LinkedIn": "professional", "Instagram": "friendly", "Twitter": "bold"}
INSTAGRAM_FIRST_PILLAR_FORMAT = "reel"
INSTAGRAM_OTHER_FORMAT = "static_post"
LINKEDIN_FORMAT = "post"
TWITTER_FORMAT = "thread"

# L-11 / Q-05: the hook keeps this many description characters, then always "..."
HOOK_DESCRIPTION_CHARS = 80
HOOK_ELLIPSIS = "..."

# L-12: a provider caption shorter than this is replaced
MIN_CAPTION_LENGTH = 20

# L-13: calendar length by pack, themes, rotations
QUICK_SOCIAL_PACK = "quick_social"
QUICK_SOCIAL_DAYS = 30
OTHER_PACK_DAYS = 7
THEMES = ("Education", "Social proof", "Behind the scenes", "Offer", "Community", "FAQ", "Story")
LATER_THEME = "Content"
CALENDAR_PLATFORMS = ("Instagram", "LinkedIn", "Twitter")
CALENDAR_CTA_COUNT = 7

# from this day on every day repeats this day's hook
HOOK_REPEATS_FROM_DAY = 7
