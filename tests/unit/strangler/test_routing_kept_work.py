"""What routing keeps instead of redoing: a routed method bound to its target once, the answers
resolved from one snapshot for the next units of work, the process's wiring per database.
"""
from __future__ import annotations

from typing import Any, Optional

from openfeature.evaluation_context import EvaluationContext
from openfeature.flag_evaluation import FlagResolutionDetails

from aicmo.orchestration import bootstrap
from aicmo.strangler.dispatch import RoutedPort
from aicmo.strangler.route_flags import RouteFlagProvider, RouteResolver, route_client
from aicmo.strangler.routes import ModuleRoute, Route, RouteSnapshot


class Answers:
    def __init__(self, name: str) -> None:
        self.name = name

    def ask(self, question: str) -> str:
        return f"{self.name}:{question}"


class Lazy:
    """Like the router's lazy new port: every attribute through __getattr__, counted."""

    def __init__(self, port: Any) -> None:
        self.port, self.lookups = port, 0

    def __getattr__(self, name: str) -> Any:
        self.lookups += 1
        return getattr(self.port, name)


class Counting(RouteFlagProvider):
    """This project's provider, counting what OpenFeature asks it."""

    def __init__(self) -> None:
        super().__init__()
        self.asked = 0

    def resolve_string_details(self, flag_key: str, default_value: str,
                               evaluation_context: Optional[EvaluationContext] = None) -> FlagResolutionDetails[str]:
        self.asked += 1
        return super().resolve_string_details(flag_key, default_value, evaluation_context)


class Foreign(RouteFlagProvider.__mro__[1]):  # type: ignore[misc]  # another flag system: any AbstractProvider
    def __init__(self) -> None:
        super().__init__()
        self.asked = 0

    def get_metadata(self) -> Any:
        return Counting().get_metadata()

    def resolve_string_details(self, flag_key: str, default_value: str,
                               evaluation_context: Optional[EvaluationContext] = None) -> FlagResolutionDetails[str]:
        self.asked += 1
        return FlagResolutionDetails("new")

    resolve_boolean_details = resolve_integer_details = resolve_float_details = resolve_object_details = None  # type: ignore[assignment]


def snapshot(**routes: Route) -> RouteSnapshot:
    return RouteSnapshot(modules={m: ModuleRoute(r) for m, r in routes.items()})


def test_a_routed_method_is_bound_to_its_target_once():
    """After the first call the routed port holds the target's own bound method: no lookup through the lazy port again."""
    new = Lazy(Answers("new"))
    port = RoutedPort("qc", RouteResolver(route_client(RouteFlagProvider())).begin(None, snapshot(qc=Route.NEW)),
                      Answers("legacy"), new)
    assert ["new:1", "new:2", "new:3"] == [port.ask(str(n)) for n in (1, 2, 3)]
    assert 1 == new.lookups
    assert port.ask == new.port.ask  # the implementation's bound method itself


def test_a_method_not_compared_under_shadow_goes_straight_to_legacy():
    legacy = Answers("legacy")
    port = RoutedPort("qc", RouteResolver(route_client(RouteFlagProvider())).begin(None, snapshot(qc=Route.SHADOW)),
                      legacy, Answers("new"), shadow=object(), shadowed=frozenset({"other"}))  # type: ignore[arg-type]
    assert "legacy:q" == port.ask("q")
    assert port.ask == legacy.ask


def test_answers_from_one_snapshot_are_kept_for_the_next_units_of_work_of_the_tenant():
    """This project's provider is asked once per module and tenant while the snapshot is the same object."""
    provider = Counting()
    resolver = RouteResolver(route_client(provider, domain="test.kept.counting"))
    routes = snapshot(qc=Route.NEW)
    for _ in range(3):
        assert Route.NEW is resolver.begin("acme", routes).route("qc")
    assert 1 == provider.asked
    resolver.begin("globex", routes).route("qc")
    resolver.begin("acme", snapshot(qc=Route.NEW)).route("qc")  # another snapshot: asked again
    assert 3 == provider.asked


def test_another_flag_system_is_asked_every_unit_of_work():
    """A foreign provider may answer differently each time: nothing is kept for it."""
    provider = Foreign()
    resolver = RouteResolver(route_client(provider, domain="test.kept.foreign"))  # its own domain: the routes' keeps ours
    routes = snapshot(qc=Route.LEGACY)
    for _ in range(3):
        assert Route.NEW is resolver.begin("acme", routes).route("qc")
    assert 3 == provider.asked


def test_routed_ports_builds_the_wiring_once_per_database(tmp_path):
    """Two units of work share the evidence recorder and the new implementations' builders, not the ports."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    bootstrap.prepare_database(url, upgrade=True)
    first, second = (bootstrap.routed_ports(url, {"qc": Route.NEW}) for _ in range(2))
    assert first.qc is not second.qc
    assert first.qc._shadow._recorder is second.qc._shadow._recorder
