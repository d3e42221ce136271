"""The router: per module a port that dispatches by route, and the shadow runner and comparer behind it."""
from aicmo.strangler.dispatch.compare import field_diffs
from aicmo.strangler.dispatch.routed import NoNewImplementation, RoutedPort
from aicmo.strangler.dispatch.shadow import RAISE_ENV, ShadowMismatch, ShadowRunner

__all__ = ["RAISE_ENV", "NoNewImplementation", "RoutedPort", "ShadowMismatch", "ShadowRunner", "field_diffs"]
