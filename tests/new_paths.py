"""Port bundles with one module on its new implementation, every other port on the legacy ACL.

Built by the composition root, `bootstrap.routed_ports`, with the module overridden to the
`new` route: the tests go through the real router (route tables, OpenFeature resolution,
`RoutedPort`) exactly as `aicmo run --route qc=new` does.

Each bundle on "sqlite://" is isolated: the strangler's route tables and QC's own tables get a
fresh in-memory database (an in-memory URL is never shared between two engines), while the
legacy adapters use whatever the legacy global session is bound to (the `memory_db` fixture's
database under test). Given the URL of the test's `database`, the bundle uses that one. The
routes are resolved from the unit of work's own snapshot when the bundle is built, so a later
bundle's routes never change this one's.
"""
from __future__ import annotations

import dataclasses

from aicmo.orchestration import bootstrap
from aicmo.orchestration.ports import ModulePorts
from aicmo.shared.clock import SystemClock
from aicmo.strangler.routes import Route

IN_MEMORY = "sqlite://"


def ports_with_new_qc(database_url: str = IN_MEMORY, *, legacy_view: bool = True) -> ModulePorts:
    """qc on its new implementation, on the database at ``database_url`` (a fresh in-memory one by default).

    With ``legacy_view`` (the router's `new` route, which always keeps it) the legacy columns
    of QC results are kept in sync (spec Q-09), so the legacy readers see what they saw with
    the ACL. Without it, the bare new QC: the router has no such route, so that bundle is
    built by hand, for the tests proving the new QC itself never writes production's table.
    """
    if not legacy_view:
        from aicmo.qc.internal.descriptor import build_qc

        legacy = bootstrap.legacy_ports()
        engine = bootstrap.prepare_database(database_url, upgrade=True)
        # SystemClock reads datetime.now, which the fixed_clock fixture freezes as it does for legacy
        return dataclasses.replace(legacy, qc=build_qc(engine, SystemClock(), {"production": legacy.production}))
    ports = bootstrap.routed_ports(database_url, {"qc": Route.NEW})
    # a route that silently resolved to legacy would make every new-path test pass on the ACL
    assert ports.qc.route() is Route.NEW, f"qc resolved to {ports.qc.route().value}, not new"
    return ports


def ports_with_new_onboarding(database_url: str = IN_MEMORY, *, legacy_view: bool = True) -> ModulePorts:
    """onboarding on its new implementation, on the database at ``database_url`` (a fresh in-memory one by default).

    With ``legacy_view`` (the router's `new` route, which always keeps it) the cam_campaigns
    project row is kept as legacy onboarding wrote it, so the legacy code of the other modules
    finds the project. Without it, the bare new onboarding, built by hand (the router has no
    such route): the tests proving the sync is what keeps that row use it.
    """
    if not legacy_view:
        from aicmo.onboarding.internal.descriptor import build_onboarding

        legacy = bootstrap.legacy_ports()
        engine = bootstrap.prepare_database(database_url, upgrade=True)
        return dataclasses.replace(legacy, onboarding=build_onboarding(engine, SystemClock(), {}))
    ports = bootstrap.routed_ports(database_url, {"onboarding": Route.NEW})
    assert ports.onboarding.route() is Route.NEW, f"onboarding resolved to {ports.onboarding.route().value}, not new"
    return ports


def ports_with_new_strategy(database_url: str = IN_MEMORY, *, legacy_view: bool = True) -> ModulePorts:
    """strategy on its new implementation, on the database at ``database_url`` (a fresh in-memory one by default).

    With ``legacy_view`` (the router's `new` route) the project row's strategy_text and
    strategy_status are kept as legacy wrote them. Without it, the bare new strategy, built by
    hand, for the tests proving the new strategy itself never writes the project row.
    """
    if not legacy_view:
        from aicmo.shared.text_generation import TEXT_GENERATOR
        from aicmo.strategy.internal.descriptor import build_strategy

        legacy = bootstrap.legacy_ports()
        engine = bootstrap.prepare_database(database_url, upgrade=True)
        dependencies = {"onboarding": legacy.onboarding, TEXT_GENERATOR: bootstrap.text_generator()}
        return dataclasses.replace(legacy, strategy=build_strategy(engine, SystemClock(), dependencies))
    ports = bootstrap.routed_ports(database_url, {"strategy": Route.NEW})
    assert ports.strategy.route() is Route.NEW, f"strategy resolved to {ports.strategy.route().value}, not new"
    return ports


def ports_with_new_production(database_url: str = IN_MEMORY, *, legacy_view: bool = True) -> ModulePorts:
    """production on its new implementation, on the database at ``database_url`` (a fresh in-memory one by default).

    With ``legacy_view`` (the router's `new` route, which always keeps it) creative_assets is kept
    in step, so the legacy readers see what they saw with the ACL. Without it, the bare new
    production, built by hand, for the tests proving it never writes legacy's table itself.
    """
    if not legacy_view:
        from aicmo.production.internal.descriptor import build_production
        from aicmo.shared.text_generation import TEXT_GENERATOR

        legacy = bootstrap.legacy_ports()
        engine = bootstrap.prepare_database(database_url, upgrade=True)
        built = build_production(engine, SystemClock(), {TEXT_GENERATOR: bootstrap.text_generator()})
        return dataclasses.replace(legacy, production=built)
    ports = bootstrap.routed_ports(database_url, {"production": Route.NEW})
    assert ports.production.route() is Route.NEW, f"production resolved to {ports.production.route().value}, not new"
    return ports


def ports_with_new_delivery(database_url: str = IN_MEMORY, *, legacy_view: bool = True) -> ModulePorts:
    """delivery on its new implementation, on the database at ``database_url`` (a fresh in-memory one by default).

    With ``legacy_view`` (the router's `new` route) delivery_packages is kept as legacy wrote it,
    and the creatives, the delivery invoice and the project are changed by their owners through
    their ports. Without it, the bare new delivery, built by hand, for the tests proving it
    writes nothing but its own tables and its zip.
    """
    if not legacy_view:
        from aicmo.delivery.internal.descriptor import build_delivery

        legacy = bootstrap.legacy_ports()
        engine = bootstrap.prepare_database(database_url, upgrade=True)
        return dataclasses.replace(legacy, delivery=build_delivery(engine, SystemClock(), {"production": legacy.production}))
    ports = bootstrap.routed_ports(database_url, {"delivery": Route.NEW})
    assert ports.delivery.route() is Route.NEW, f"delivery resolved to {ports.delivery.route().value}, not new"
    return ports


def ports_with_new_billing(database_url: str = IN_MEMORY, *, legacy_view: bool = True) -> ModulePorts:
    """billing on its new implementation, on the database at ``database_url`` (a fresh in-memory one by default).

    With ``legacy_view`` (the router's `new` route, which always keeps it) billing_invoices is kept
    as legacy billing wrote it, and the invoices legacy code inserts there (the packager's delivery
    invoice, Q-12) are taken over. Without it, the bare new billing, built by hand, for the tests
    proving it never writes legacy's table itself.
    """
    if not legacy_view:
        from aicmo.billing.internal.descriptor import build_billing

        legacy = bootstrap.legacy_ports()
        engine = bootstrap.prepare_database(database_url, upgrade=True)
        return dataclasses.replace(legacy, billing=build_billing(engine, SystemClock(), {"onboarding": legacy.onboarding}))
    ports = bootstrap.routed_ports(database_url, {"billing": Route.NEW})
    assert ports.billing.route() is Route.NEW, f"billing resolved to {ports.billing.route().value}, not new"
    return ports


def ports_with_new_client_review(database_url: str = IN_MEMORY, *, legacy_view: bool = True) -> ModulePorts:
    """client_review on its new implementation, on the database at ``database_url`` (a fresh in-memory one by default).

    With ``legacy_view`` (the router's `new` route, which always keeps it) packages legacy opened are
    adopted, and creative_assets.review_* and a rejection's project state are recorded by their
    owners through their ports, as legacy wrote them (Q-10). Without it, the bare new
    client review, built by hand, for the tests proving it never writes legacy's tables itself.
    """
    if not legacy_view:
        from aicmo.client_review.internal.descriptor import build_client_review

        legacy = bootstrap.legacy_ports()
        engine = bootstrap.prepare_database(database_url, upgrade=True)
        built = build_client_review(engine, SystemClock(), {"production": legacy.production, "qc": legacy.qc})
        return dataclasses.replace(legacy, client_review=built)
    ports = bootstrap.routed_ports(database_url, {"client_review": Route.NEW})
    assert ports.client_review.route() is Route.NEW, f"client_review resolved to {ports.client_review.route().value}, not new"
    return ports


def ports_with_new_retention(database_url: str = IN_MEMORY, *, legacy_view: bool = True) -> ModulePorts:
    """retention on its new implementation, on the database at ``database_url`` (a fresh in-memory one by default).

    With ``legacy_view`` (the router's `new` route, which always keeps it) retention_assessments is
    kept as legacy retention wrote it. Without it, the bare new retention, built by hand, for the
    tests proving it never writes legacy's table itself.
    """
    if not legacy_view:
        from aicmo.retention.internal.descriptor import build_retention

        legacy = bootstrap.legacy_ports()
        engine = bootstrap.prepare_database(database_url, upgrade=True)
        return dataclasses.replace(legacy, retention=build_retention(engine, SystemClock(), {}))
    ports = bootstrap.routed_ports(database_url, {"retention": Route.NEW})
    assert ports.retention.route() is Route.NEW, f"retention resolved to {ports.retention.route().value}, not new"
    return ports


def ports_with_new_reporting(database_url: str = IN_MEMORY, *, legacy_view: bool = True) -> ModulePorts:
    """reporting on its new implementation, on the database at ``database_url`` (a fresh in-memory one by default).

    With ``legacy_view`` (the router's `new` route, which always keeps it) report_snapshots and
    report_metrics are kept as legacy reporting wrote them. Without it, the bare new reporting,
    built by hand, for the tests proving it never writes legacy's tables itself.
    """
    if not legacy_view:
        from aicmo.reporting.internal.descriptor import build_reporting

        legacy = bootstrap.legacy_ports()
        engine = bootstrap.prepare_database(database_url, upgrade=True)
        return dataclasses.replace(legacy, reporting=build_reporting(engine, SystemClock(), {}))
    ports = bootstrap.routed_ports(database_url, {"reporting": Route.NEW})
    assert ports.reporting.route() is Route.NEW, f"reporting resolved to {ports.reporting.route().value}, not new"
    return ports


def ports_with_new_cam(database_url: str = IN_MEMORY, *, legacy_view: bool = True) -> ModulePorts:
    """cam on its new implementation, on the database at ``database_url`` (a fresh in-memory one by default).

    With ``legacy_view`` (the router's `new` route, which always keeps it) the acquisition rows
    (cam_campaigns of kind acquisition, cam_leads, cam_outreach_attempts, cam_replies) are kept as
    legacy cam wrote them, and the project's cancellation is asked of onboarding. Without it, the
    bare new cam, built by hand, for the tests proving it never writes legacy's tables itself.
    """
    if not legacy_view:
        from aicmo.cam.internal.descriptor import build_cam

        legacy = bootstrap.legacy_ports()
        engine = bootstrap.prepare_database(database_url, upgrade=True)
        return dataclasses.replace(legacy, cam=build_cam(engine, SystemClock(), {}))
    ports = bootstrap.routed_ports(database_url, {"cam": Route.NEW})
    assert ports.cam.route() is Route.NEW, f"cam resolved to {ports.cam.route().value}, not new"
    return ports
