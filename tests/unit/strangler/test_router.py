"""The router: dispatch by the route resolved once per unit of work, and the --route overrides."""
from __future__ import annotations

import pytest

from aicmo.orchestration import bootstrap
from aicmo.orchestration.port_wiring import RouteOptionError, parse_route_options, route_ports
from aicmo.shared.persistence.ownership import MODULES
from aicmo.strangler.route_flags import RouteFlagProvider, RouteResolver, route_client
from aicmo.strangler.dispatch import NoNewImplementation, RoutedPort
from aicmo.strangler.routes import ModuleRoute, Route, RouteSnapshot


class Answers:
    def __init__(self, name: str) -> None:
        self.name = name

    def ask(self, question: str) -> str:
        return f"{self.name}:{question}"


def resolved(snapshot: RouteSnapshot, reads: list[int] | None = None):
    def read() -> RouteSnapshot:
        if reads is not None:
            reads.append(1)
        return snapshot

    return RouteResolver(route_client(RouteFlagProvider(read))).begin()


def snapshot(**routes: Route) -> RouteSnapshot:
    return RouteSnapshot(modules={m: ModuleRoute(r) for m, r in routes.items()})


def test_legacy_and_new_routes_reach_their_implementation():
    """On legacy the adapter answers, on new the new implementation does."""
    # each resolve() installs its provider for the routes' domain, so ask before the next one
    on_legacy = RoutedPort("qc", resolved(snapshot(qc=Route.LEGACY)), Answers("legacy"), Answers("new")).ask("q")
    on_new = RoutedPort("qc", resolved(snapshot(qc=Route.NEW)), Answers("legacy"), Answers("new")).ask("q")
    assert ("legacy:q", "new:q") == (on_legacy, on_new)


def test_the_route_is_resolved_once_per_unit_of_work():
    """Three calls read the route tables once; the next unit of work reads them again."""
    reads: list[int] = []
    port = RoutedPort("qc", resolved(snapshot(qc=Route.NEW), reads), Answers("legacy"), Answers("new"))
    for _ in range(3):
        port.ask("q")
    RoutedPort("qc", resolved(snapshot(qc=Route.NEW), reads), Answers("legacy"), Answers("new")).ask("q")
    assert 2 == len(reads)


def test_a_module_without_new_implementation_refuses_new_and_shadow():
    """new or shadow without a new implementation raises, naming the module."""
    for route in (Route.NEW, Route.SHADOW):
        port = RoutedPort("billing", resolved(snapshot(billing=route)), Answers("legacy"))
        with pytest.raises(NoNewImplementation, match="billing has no new implementation"):
            port.ask("q")


def test_route_ports_refuses_before_any_call():
    """Bundling the ports with production routed to new fails at once."""
    legacy = bootstrap.legacy_ports()
    with pytest.raises(NoNewImplementation, match="production"):
        route_ports(legacy, resolved(snapshot(production=Route.NEW)), {}, recorder=None)  # type: ignore[arg-type]


def test_route_ports_hands_out_the_adapters_on_legacy():
    """With every module on legacy the bundle is the legacy adapters themselves."""
    legacy = bootstrap.legacy_ports()
    routed = route_ports(legacy, resolved(RouteSnapshot()), {}, recorder=None)  # type: ignore[arg-type]
    assert all(getattr(routed, m) is getattr(legacy, m) for m in MODULES)


def test_route_options_parse_with_later_values_winning_and_all():
    """all= sets every module; a later MODULE= value overrides it."""
    routes = parse_route_options(["all=legacy", "qc=shadow"], with_new=("qc",))
    assert Route.SHADOW == routes["qc"] and {Route.LEGACY} == {r for m, r in routes.items() if m != "qc"}
    assert len(MODULES) == len(routes)


@pytest.mark.parametrize(("value", "message"), [
    ("qc", "expected MODULE=ROUTE"),
    ("nope=new", "expected MODULE=ROUTE"),
    ("qc=deleted", "ROUTE must be one of legacy, shadow, new"),
    ("billing=shadow", "billing has no new implementation"),
    ("all=new", "billing, cam, client_review"),
])
def test_bad_route_options_are_refused_with_one_reason(value, message):
    """A malformed value, an unknown module or route, or a module without a new path is refused."""
    with pytest.raises(RouteOptionError, match=message):
        parse_route_options([value], with_new=("qc",))


def test_overrides_replace_the_stored_route_but_not_the_kill_switch():
    """An override puts the module fully on its route; the kill switch still sends it to legacy."""
    stored = RouteSnapshot(modules={"qc": ModuleRoute(Route.SHADOW, rollout_percent=10)})
    assert Route.NEW == stored.with_overrides({"qc": Route.NEW}).resolve("qc")
    killed = RouteSnapshot(kill_switch=True)
    assert Route.LEGACY == killed.with_overrides({"qc": Route.NEW}).resolve("qc")
