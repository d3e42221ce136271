"""Strategy over legacy: the plan lives in the project row's strategy_text and strategy_status."""
from acl.strategy.adapter import LegacyStrategy

__all__ = ["LegacyStrategy"]
