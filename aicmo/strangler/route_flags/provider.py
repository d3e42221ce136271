"""An OpenFeature provider serving each module's route as the string flag `route.<module>`.

It is installed once per process. The routes it serves are the unit of work's snapshot, which
the resolver hands it for each evaluation (`UNIT_OF_WORK_SNAPSHOT`); without one, it reads its
own source, if given one.

The evaluation context's targeting key is the tenant. Behind the OpenFeature API a team can
swap this provider for its own flag system; the routes then come from there, and the
resolver still accepts only the four route values.
"""
from __future__ import annotations

from contextvars import ContextVar
from typing import Any, Callable, Optional, Sequence, Union

from openfeature.evaluation_context import EvaluationContext
from openfeature.exception import ErrorCode
from openfeature.flag_evaluation import FlagResolutionDetails, Reason
from openfeature.provider import AbstractProvider, Metadata

from aicmo.shared.persistence.ownership import MODULES
from aicmo.strangler.routes.resolution import RouteSnapshot

__all__ = ["FLAG_PREFIX", "UNIT_OF_WORK_SNAPSHOT", "RouteFlagProvider", "flag_key"]

FLAG_PREFIX = "route."
# the route snapshot of the unit of work being resolved, set by the resolver around each evaluation
UNIT_OF_WORK_SNAPSHOT: ContextVar[Optional[RouteSnapshot]] = ContextVar("aicmo_route_snapshot", default=None)


def flag_key(module: str) -> str:
    return FLAG_PREFIX + module


class RouteFlagProvider(AbstractProvider):
    """Resolves `route.<module>` from a snapshot of the strangler's route tables."""

    def __init__(self, snapshot: Optional[Callable[[], RouteSnapshot]] = None) -> None:
        super().__init__()
        # a callable, not a snapshot: each evaluation without a unit of work's snapshot sees
        # the tables as they are now
        self._snapshot = snapshot

    def get_metadata(self) -> Metadata:
        return Metadata(name="aicmo-strangler-routes")

    def resolve_string_details(
        self, flag_key: str, default_value: str, evaluation_context: Optional[EvaluationContext] = None
    ) -> FlagResolutionDetails[str]:
        module = flag_key[len(FLAG_PREFIX):] if flag_key.startswith(FLAG_PREFIX) else None
        if module not in MODULES:
            return FlagResolutionDetails(default_value, ErrorCode.FLAG_NOT_FOUND, f"no route flag '{flag_key}'",
                                         Reason.ERROR)
        tenant = evaluation_context.targeting_key if evaluation_context else None
        snapshot = UNIT_OF_WORK_SNAPSHOT.get() or (self._snapshot() if self._snapshot else None)
        if snapshot is None:
            return FlagResolutionDetails(default_value, ErrorCode.PROVIDER_NOT_READY, "no route snapshot to resolve from",
                                         Reason.ERROR)
        route = snapshot.resolve(module, tenant)  # type: ignore[arg-type]
        return FlagResolutionDetails(route.value, reason=Reason.TARGETING_MATCH if tenant else Reason.STATIC,
                                     variant=route.value)

    def _type_mismatch(self, flag_key: str, default_value: Any) -> FlagResolutionDetails[Any]:
        return FlagResolutionDetails(default_value, ErrorCode.TYPE_MISMATCH, f"'{flag_key}' is a string flag", Reason.ERROR)

    def resolve_boolean_details(self, flag_key: str, default_value: bool,
                                evaluation_context: Optional[EvaluationContext] = None) -> FlagResolutionDetails[bool]:
        return self._type_mismatch(flag_key, default_value)

    def resolve_integer_details(self, flag_key: str, default_value: int,
                                evaluation_context: Optional[EvaluationContext] = None) -> FlagResolutionDetails[int]:
        return self._type_mismatch(flag_key, default_value)

    def resolve_float_details(self, flag_key: str, default_value: float,
                              evaluation_context: Optional[EvaluationContext] = None) -> FlagResolutionDetails[float]:
        return self._type_mismatch(flag_key, default_value)

    def resolve_object_details(
        self, flag_key: str, default_value: Union[Sequence[Any], dict[str, Any]],
        evaluation_context: Optional[EvaluationContext] = None,
    ) -> FlagResolutionDetails[Union[Sequence[Any], dict[str, Any]]]:
        return self._type_mismatch(flag_key, default_value)
