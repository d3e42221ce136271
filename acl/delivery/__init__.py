"""Delivery over legacy: the zip packager (which also writes production's and billing's rows, Q-12)."""
from acl.delivery.adapter import LegacyDelivery

__all__ = ["LegacyDelivery"]
