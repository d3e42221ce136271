"""Production over legacy: creative_assets rows and the calendar generator."""
from acl.production.adapter import LegacyProduction

__all__ = ["LegacyProduction"]
