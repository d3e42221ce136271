"""Routes through OpenFeature: the provider serves `route.<module>`, the resolver caches per unit of work."""
from __future__ import annotations

import pytest
from openfeature.evaluation_context import EvaluationContext
from openfeature.exception import ErrorCode
from openfeature.flag_evaluation import FlagResolutionDetails
from openfeature.provider import AbstractProvider, Metadata

from aicmo.strangler.route_flags import RouteFlagProvider, RouteResolver, route_client
from aicmo.strangler.migration import set_tenant_override
from aicmo.strangler.routes import ModuleRoute, Route, RouteSnapshot, snapshot_source

from .conftest import move


class CountingSnapshots:
    """A snapshot source that counts how often the provider reads the tables."""

    def __init__(self, snapshot: RouteSnapshot) -> None:
        self.snapshot, self.reads = snapshot, 0

    def __call__(self) -> RouteSnapshot:
        self.reads += 1
        return self.snapshot


@pytest.fixture
def client_for(request):
    def install(source):
        # a domain per test: OpenFeature's provider registry is process-global
        return route_client(RouteFlagProvider(source), domain=f"test.{request.node.name}")
    return install


def test_the_provider_resolves_the_route_from_the_tables_with_the_tenant_as_targeting_key(sessions, clock, client_for):
    """route.qc is shadow for everyone but the overridden tenant."""
    move(sessions, clock, "qc", Route.SHADOW)
    with sessions.begin() as session:
        set_tenant_override(session, clock, "qc", "acme", Route.LEGACY, "ana", "hold acme")
    client = client_for(snapshot_source(sessions))
    assert "shadow" == client.get_string_value("route.qc", "legacy", EvaluationContext(targeting_key="globex"))
    assert "legacy" == client.get_string_value("route.qc", "new", EvaluationContext(targeting_key="acme"))


def test_an_unknown_flag_returns_the_default_with_flag_not_found(client_for):
    """route.marketing is not a module's route."""
    details = client_for(CountingSnapshots(RouteSnapshot())).get_string_details("route.marketing", "legacy")
    assert ("legacy", ErrorCode.FLAG_NOT_FOUND) == (details.value, details.error_code)


def test_a_route_is_resolved_once_per_unit_of_work(client_for):
    """Many calls in one unit of work read the tables once per module; the next unit of work reads again."""
    source = CountingSnapshots(RouteSnapshot({"qc": ModuleRoute(Route.SHADOW)}))
    resolver = RouteResolver(client_for(source))
    work = resolver.begin("acme")
    assert [Route.SHADOW] * 100 == [work.route("qc") for _ in range(100)]
    assert 1 == source.reads
    source.snapshot = RouteSnapshot({"qc": ModuleRoute(Route.LEGACY)})  # a rollback mid-flight
    assert Route.SHADOW == work.route("qc")
    assert Route.LEGACY == resolver.begin("acme").route("qc")


class ForeignFlags(AbstractProvider):
    """Another team's flag system answering with a value that is not a route."""

    def get_metadata(self) -> Metadata:
        return Metadata(name="foreign")

    def resolve_string_details(self, flag_key, default_value, evaluation_context=None):
        return FlagResolutionDetails("shdow")

    resolve_boolean_details = resolve_integer_details = resolve_float_details = resolve_object_details = (
        lambda self, flag_key, default_value, evaluation_context=None: FlagResolutionDetails(default_value))


def test_a_value_that_is_not_a_route_means_legacy(request):
    """A typo in a foreign flag system cannot send calls anywhere but legacy."""
    client = route_client(ForeignFlags(), domain=f"test.{request.node.name}")
    assert Route.LEGACY == RouteResolver(client).begin("acme").route("qc")


class SlowToStart(ForeignFlags):
    """A flag system whose initialisation takes a while (a network client connecting)."""

    def initialize(self, evaluation_context):
        import time

        time.sleep(0.05)

    def resolve_string_details(self, flag_key, default_value, evaluation_context=None):
        return FlagResolutionDetails("new")


def test_the_route_is_read_only_once_the_provider_is_ready(request):
    """A provider still initialising would answer the default (legacy) and the unit of work would cache it."""
    client = route_client(SlowToStart(), domain=f"test.{request.node.name}")
    assert Route.NEW == RouteResolver(client).begin("acme").route("qc")


class Broken(ForeignFlags):
    def resolve_string_details(self, flag_key, default_value, evaluation_context=None):
        raise ConnectionError("flag service unreachable")


def test_a_flag_that_cannot_be_resolved_means_legacy_and_says_so(request, caplog):
    client = route_client(Broken(), domain=f"test.{request.node.name}")
    assert Route.LEGACY == RouteResolver(client).begin("acme").route("qc")
    assert any("route.qc not resolved" in r.getMessage() and "unreachable" in r.getMessage() for r in caplog.records)
