"""What routing costs: a cached route per call, and resolving it once per unit of work.

``cached`` is the per-call cost once a unit of work has resolved the module's route (the
budget is 1 µs); ``routed port dispatch`` is what a call through the router's `RoutedPort`
costs on top of calling the implementation directly (same budget); ``resolve (static)`` is one OpenFeature evaluation over an in-memory
snapshot; ``resolve (tables)`` adds reading the route tables (in-memory SQLite), which is
what the first call of a unit of work pays. Medians over the rounds, per call.

    python benchmarks/routing.py               # 21 rounds
    python benchmarks/routing.py --rounds 5
"""
from __future__ import annotations

import argparse
import statistics
import time
from typing import Callable


from aicmo.shared.clock import SystemClock
from aicmo.strangler.route_flags import RouteFlagProvider, RouteResolver, route_client
from aicmo.strangler.migration import PromotionPolicy, change_route, set_tenant_override
from aicmo.strangler.dispatch import RoutedPort
from aicmo.strangler.routes import ModuleRoute, Route, RouteSnapshot, open_database, snapshot_source

BUDGET_NS = 1_000


class _Echo:
    """A port method doing nothing, so only the dispatch is measured."""

    def ask(self, question: int) -> int:
        return question


def per_call_ns(work: Callable[[], object], calls: int, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter_ns()
        for _ in range(calls):
            work()
        samples.append((time.perf_counter_ns() - started) / calls)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    rounds = parser.parse_args().rounds

    sessions = open_database("sqlite://", upgrade_first=True)
    with sessions.begin() as session:
        change_route(session, SystemClock(), "qc", Route.SHADOW, "bench", "benchmark", policy=PromotionPolicy(implemented=frozenset({"qc"})))
        set_tenant_override(session, SystemClock(), "qc", "acme", Route.LEGACY, "bench", "benchmark")

    static = RouteSnapshot({"qc": ModuleRoute(Route.SHADOW, 50)})
    from_tables = RouteResolver(route_client(RouteFlagProvider(snapshot_source(sessions)), domain="bench.tables"))
    from_static = RouteResolver(route_client(RouteFlagProvider(lambda: static), domain="bench.static"))
    work = from_static.begin("globex")
    work.route("qc")

    on_new = RouteResolver(route_client(RouteFlagProvider(lambda: RouteSnapshot({"qc": ModuleRoute(Route.NEW)})),
                                        domain="bench.new")).begin("globex")
    direct = _Echo()
    routed = RoutedPort("qc", on_new, _Echo(), direct)
    routed.ask(0)  # resolves the route and keeps the dispatcher, as the first call of a unit of work does

    figures = {
        "cached route (per call)": per_call_ns(lambda: work.route("qc"), 100_000, rounds),
        "snapshot.resolve, no OpenFeature": per_call_ns(lambda: static.resolve("qc", "globex"), 20_000, rounds),
        "resolve (static snapshot)": per_call_ns(lambda: from_static.begin("globex").route("qc"), 2_000, rounds),
        "resolve (tables)": per_call_ns(lambda: from_tables.begin("globex").route("qc"), 200, rounds),
        "routed port dispatch (per call)": per_call_ns(lambda: routed.ask(1), 100_000, rounds)
        - per_call_ns(lambda: direct.ask(1), 100_000, rounds),
    }
    for name, ns in figures.items():
        print(f"{name:<36} {ns / 1000:10.3f} µs")
    worst = max(figures["cached route (per call)"], figures["routed port dispatch (per call)"])
    print(f"budget {BUDGET_NS / 1000:.0f} µs per routed call: {'met' if worst <= BUDGET_NS else 'MISSED'}")


if __name__ == "__main__":
    main()
