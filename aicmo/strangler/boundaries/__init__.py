"""Import boundaries (architecture rules 1-3), checked on grimp's import graph.

Rules are data in pyproject.toml (`[tool.aicmo.boundaries]`); findings ratchet against
`boundaries-baseline.json` (see aicmo.strangler.ratchet).
"""
from aicmo.strangler.boundaries.check import Analysis, analyse, check
from aicmo.strangler.boundaries.config import BoundaryConfig, ConfigError, find_root, load_config
from aicmo.strangler.boundaries.imports import GraphError

__all__ = [
    "Analysis", "BoundaryConfig", "ConfigError", "GraphError", "analyse", "check", "find_root", "load_config",
]
