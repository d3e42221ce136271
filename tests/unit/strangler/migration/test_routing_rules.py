"""Resolving one call's route: kill switch, tenant overrides, percentage rollout by a stable hash."""
from __future__ import annotations

import pytest

from aicmo.strangler.migration import ChangeRefused, set_kill_switch, set_rollout, set_tenant_override
from aicmo.strangler.routes import ModuleRoute, Route, RouteSnapshot, load_snapshot, rollout_bucket

from .conftest import full_evidence, move

TENANTS = [f"tenant-{n}" for n in range(4000)]


def _snapshot(sessions) -> RouteSnapshot:
    with sessions() as session:
        return load_snapshot(session)


def test_the_kill_switch_sends_every_module_to_legacy(sessions, clock, recorder):
    """Engaged, shadow and new modules (and their overrides) resolve to legacy; released, they come back."""
    full_evidence(recorder)
    move(sessions, clock, "qc", Route.SHADOW, Route.NEW)
    move(sessions, clock, "cam", Route.SHADOW)
    with sessions.begin() as session:
        set_tenant_override(session, clock, "cam", "acme", Route.SHADOW, "ana", "pilot")
        set_kill_switch(session, clock, True, "ana", "incident")
    engaged = _snapshot(sessions)
    assert [Route.LEGACY] * 3 == [engaged.resolve("qc", "t"), engaged.resolve("cam", "acme"), engaged.resolve("cam")]
    with sessions.begin() as session:
        set_kill_switch(session, clock, False, "ana", "resolved")
    assert Route.NEW == _snapshot(sessions).resolve("qc", "t")


def test_a_deleted_module_ignores_the_kill_switch():
    """Its legacy code is gone, so there is no legacy path to send it to."""
    snapshot = RouteSnapshot({"qc": ModuleRoute(Route.DELETED)}, kill_switch=True)
    assert Route.DELETED == snapshot.resolve("qc", "acme")


def test_a_tenant_override_beats_the_module_route(sessions, clock):
    """One tenant pinned to legacy stays there while the module shadows; others follow the module."""
    move(sessions, clock, "qc", Route.SHADOW)
    with sessions.begin() as session:
        set_tenant_override(session, clock, "qc", "acme", Route.LEGACY, "ana", "acme is mid-audit")
    snapshot = _snapshot(sessions)
    assert (Route.LEGACY, Route.SHADOW) == (snapshot.resolve("qc", "acme"), snapshot.resolve("qc", "globex"))
    with sessions.begin() as session:
        set_tenant_override(session, clock, "qc", "acme", None, "ana", "audit over")
    assert Route.SHADOW == _snapshot(sessions).resolve("qc", "acme")


@pytest.mark.parametrize("override", [Route.NEW, Route.DELETED])
def test_an_override_cannot_pass_the_gate(sessions, clock, override):
    """A tenant cannot be sent to new (or deleted) before the module has passed the gate."""
    move(sessions, clock, "qc", Route.SHADOW)
    with sessions.begin() as session, pytest.raises(ChangeRefused, match=f"cannot be routed to {override.value}"):
        set_tenant_override(session, clock, "qc", "acme", override, "ana", "pilot")


def test_the_rollout_bucket_is_stable():
    """The bucket is a pure function of (module, tenant): pinned values, the same in every process."""
    assert (4688, 8043) == (rollout_bucket("qc", "acme"), rollout_bucket("cam", "acme"))


@pytest.mark.parametrize("percent", [0, 10, 50, 90, 100])
def test_a_rollout_reaches_its_share_of_tenants(percent):
    """Of 4,000 tenants the share on the module's route is the percentage, within 2.5 points; the rest stay one step behind."""
    snapshot = RouteSnapshot({"qc": ModuleRoute(Route.NEW, percent)})
    routes = [snapshot.resolve("qc", t) for t in TENANTS]
    assert {Route.NEW, Route.SHADOW} >= set(routes)
    assert abs(routes.count(Route.NEW) / len(TENANTS) * 100 - percent) <= 2.5


def test_widening_a_rollout_only_adds_tenants():
    """A tenant on the route at 20 % is still on it at 60 %: buckets do not move."""
    at = {p: {t for t in TENANTS if RouteSnapshot({"qc": ModuleRoute(Route.SHADOW, p)}).resolve("qc", t) is Route.SHADOW}
          for p in (20, 60)}
    assert at[20] < at[60]


def test_modules_roll_out_to_different_tenants():
    """The module is part of the hash, so the first 10 % of qc are not the first 10 % of cam."""
    snapshot = RouteSnapshot({m: ModuleRoute(Route.SHADOW, 10) for m in ("qc", "cam")})
    on = {m: {t for t in TENANTS if snapshot.resolve(m, t) is Route.SHADOW} for m in ("qc", "cam")}
    assert on["qc"] != on["cam"]


def test_a_call_without_tenant_gets_the_route_only_at_full_rollout(sessions, clock):
    """Tenantless calls cannot be bucketed; they stay one step behind until 100 %."""
    move(sessions, clock, "qc", Route.SHADOW)
    with sessions.begin() as session:
        set_rollout(session, clock, "qc", 99, "ana", "almost")
    assert Route.LEGACY == _snapshot(sessions).resolve("qc")
    with sessions.begin() as session:
        set_rollout(session, clock, "qc", 100, "ana", "all")
    assert Route.SHADOW == _snapshot(sessions).resolve("qc")


def test_a_rollout_outside_0_to_100_is_refused(sessions, clock):
    """Percentages are percentages."""
    with sessions.begin() as session, pytest.raises(ChangeRefused, match="between 0 and 100"):
        set_rollout(session, clock, "qc", 120, "ana", "more")


def test_a_rollback_takes_overridden_tenants_back_too(sessions, clock, recorder):
    """A tenant pinned to new follows the module back to shadow: an override never runs ahead of the module."""
    from aicmo.strangler.migration import rollback_module

    full_evidence(recorder)
    move(sessions, clock, "qc", Route.SHADOW, Route.NEW)
    with sessions.begin() as session:
        set_tenant_override(session, clock, "qc", "acme", Route.NEW, "ana", "pilot")
        rollback_module(session, clock, "qc", "ana", "diffs in production")
    assert Route.SHADOW == _snapshot(sessions).resolve("qc", "acme")
