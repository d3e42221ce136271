"""Client review over legacy: review packages and feedback written onto creative_assets (Q-10)."""
from acl.client_review.adapter import LegacyClientReview

__all__ = ["LegacyClientReview"]
