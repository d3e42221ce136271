"""The declared divergences a run on some routes shows, and what undoes each in its output.

A journey run with a module on its new path must give legacy's output but for that module's
declared divergences (its descriptor's `divergences`). The comparisons (the pins through the
ports, the journeys compared byte for byte) ask here which divergences the run's routes bring
and map each back to legacy's text, so they fail on anything else and list what they excused.
Each mapping is checked to be needed: a divergence listed that the run does not show fails.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aicmo.orchestration.bootstrap import DESCRIPTORS
from aicmo.strangler.routes import Route

__all__ = ["Divergence", "divergences_of", "undo_in_text"]

ON_NEW = ("new", "deleted", Route.NEW, Route.DELETED)


class Divergence:
    """One declared divergence as it shows in one run: texts of the new path and legacy's for them."""

    def __init__(self, module: str, name: str, replacements: Mapping[str, str]) -> None:
        assert name in DESCRIPTORS[module].divergences, f"{module}: {name} is not a declared divergence"
        self.module, self.name, self.replacements = module, name, dict(replacements)

    def __repr__(self) -> str:
        return f"{self.module}:{self.name}"


def divergences_of(routes: Mapping[str, Any], client_id: str) -> list[Divergence]:
    """The declared divergences a journey of ``client_id`` shows on these routes."""
    found = []
    if routes.get("delivery") in ON_NEW:
        # the zip is <slug>-<project id>.zip on the new path, <slug>.zip on legacy
        from aicmo.delivery.internal.divergences import UNIQUE_PACKAGE_NAME

        found.append(Divergence("delivery", UNIQUE_PACKAGE_NAME, {f"-{client_id}.zip": ".zip"}))
    # cam's (next_action_offset_kept, no_live_provider_hook) show in no journey nor acquisition: a
    # run reads its next actions through the instance that set them, and no run installs a live
    # sender; tests/unit/cam/test_new_cam_service.py shows each where it occurs
    return found


def undo_in_text(text: str, divergences: list[Divergence]) -> str:
    """``text`` with every divergence's new-path text replaced by legacy's; each must occur."""
    for divergence in divergences:
        for new, legacy in divergence.replacements.items():
            assert new in text, f"declared divergence {divergence!r} listed, but {new!r} is not in the output"
            text = text.replace(new, legacy)
    return text


def undo_in_keys(value: dict[str, Any], divergences: list[Divergence]) -> dict[str, Any]:
    """A mapping with the divergences undone in its keys (file names), where they occur."""
    undone = {}
    for key, item in value.items():
        for divergence in divergences:
            for new, legacy in divergence.replacements.items():
                key = key.replace(new, legacy)
        undone[key] = item
    return undone
