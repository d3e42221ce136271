"""What the ownership guard costs: per statement, and per qc unit of work.

``check (cached)`` is the connection guard's check of a statement it has seen before (the
parse is cached by SQL text), ``check (first parse)`` is sqlglot parsing a statement it has
not; ``qc unit of work`` runs what an evaluation's transaction does (a result, two creative
checks and an outbox event inserted, the result read back, commit) through a plain session,
through qc's session with the Python guard only, and as qc runs (on PostgreSQL the role too:
one more statement per transaction), on an in-memory SQLite database or ``--database-url``.
Medians over the rounds.

    python benchmarks/ownership_guard.py                 # in-memory SQLite, 31 rounds
    python benchmarks/ownership_guard.py --database-url postgresql+psycopg://USER@HOST/DB
"""
from __future__ import annotations

import argparse
import itertools
import statistics
import time
from datetime import datetime, timezone
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from aicmo.orchestration.bootstrap import prepare_database
from measure import Headline, write_headlines
from aicmo.qc.internal.tables import QcCreativeCheckRow, QcOutboxRow, QcResultRow
from aicmo.shared.persistence.connection_guard import check_statement
from aicmo.shared.persistence.module_session import module_sessionmaker
from aicmo.shared.persistence.sql_writes import written_tables

NOW = datetime(2026, 1, 15, 10, 0, tzinfo=timezone.utc)
STATEMENT = ("INSERT INTO qc.qc_results (id, client_id, creative_set_id, round_number, ruleset, verdict, "
             "duplicate_hook_share, calendar_findings, documents, intake_findings, evaluated_at, idempotency_key, "
             "request_fingerprint) VALUES (%(id)s::VARCHAR, %(client_id)s::VARCHAR, %(creative_set_id)s::VARCHAR, "
             "%(round_number)s::INTEGER, %(ruleset)s::VARCHAR, %(verdict)s::VARCHAR, %(duplicate_hook_share)s::FLOAT, "
             "%(calendar_findings)s, %(documents)s, %(intake_findings)s, %(evaluated_at)s, %(idempotency_key)s::VARCHAR, "
             "%(request_fingerprint)s::VARCHAR)")
_ids = itertools.count()


def median_us(work: Callable[[], object], calls: int, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter_ns()
        for _ in range(calls):
            work()
        samples.append((time.perf_counter_ns() - started) / calls / 1000)
    return statistics.median(samples)


def interleaved_us(works: dict[str, Callable[[], object]], calls: int, rounds: int) -> dict[str, float]:
    """Medians per call, the variants taking turns each round: a busy machine slows them alike."""
    samples: dict[str, list[float]] = {name: [] for name in works}
    for _ in range(rounds):
        for name, work in works.items():
            started = time.perf_counter_ns()
            for _ in range(calls):
                work()
            samples[name].append((time.perf_counter_ns() - started) / calls / 1000)
    return {name: statistics.median(values) for name, values in samples.items()}


def unit_of_work(sessions: sessionmaker) -> None:
    key = f"bench-{next(_ids)}"
    with sessions() as session:
        session.add(QcResultRow(
            id=key, client_id="c", creative_set_id=key, round_number=0, ruleset="v1", verdict="QC_APPROVED",
            duplicate_hook_share=0.0, calendar_findings="[]", documents="{}", intake_findings="[]", evaluated_at=NOW,
            idempotency_key=key, request_fingerprint="f"))
        session.flush()
        for ordinal in range(2):
            session.add(QcCreativeCheckRow(qc_result_id=key, ordinal=ordinal, position=ordinal, creative_id="x",
                                           platform="instagram", pillar_index=0, findings="[]"))
        session.add(QcOutboxRow(event_id=key, event_type="QcPassed", payload="{}", occurred_at=NOW))
        session.flush()
        session.scalars(select(QcResultRow).where(QcResultRow.id == key)).one()
        session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=31)
    parser.add_argument("--database-url", default="sqlite://")
    options = parser.parse_args()
    rounds = options.rounds

    cached = median_us(lambda: check_statement("qc", STATEMENT, "postgresql"), 2000, rounds)
    texts = (f"{STATEMENT} -- {n}" for n in itertools.count())
    first = median_us(lambda: written_tables(next(texts), "postgresql"), 50, rounds)

    engine = prepare_database(options.database_url, upgrade=True)
    plain = sessionmaker(bind=engine, class_=Session, expire_on_commit=False)
    checked = module_sessionmaker("qc", engine)  # the Python guard only
    guarded = module_sessionmaker("qc", engine, database_role=True)  # and the role, on PostgreSQL
    for sessions in (plain, checked, guarded):  # warm: connections, compiled statements, parses
        for _ in range(20):
            unit_of_work(sessions)
    times = interleaved_us({name: (lambda s=sessions: unit_of_work(s)) for name, sessions in
                            (("plain", plain), ("checked", checked), ("guarded", guarded))}, 20, rounds)
    plain_us, checked_us, guarded_us = times["plain"], times["checked"], times["guarded"]

    print(f"database: {engine.dialect.name}")
    print(f"| measure | µs |\n|---|---:|")
    print(f"| check (cached), per statement | {cached:.2f} |")
    print(f"| check (first parse), per statement | {first:.0f} |")
    print(f"| qc unit of work, plain session | {plain_us:.0f} |")
    print(f"| qc unit of work, Python guard | {checked_us:.0f} |")
    print(f"| qc unit of work, Python guard and role (as qc runs) | {guarded_us:.0f} |")
    print(f"| ratio Python guard / plain | {checked_us / plain_us:.3f} |")
    print(f"| ratio as qc runs / plain | {guarded_us / plain_us:.3f} |")
    write_headlines(f"ownership_guard_{engine.dialect.name}", [
        Headline(f"ownership guard, qc unit of work as qc runs / plain session ({engine.dialect.name})",
                 f"{guarded_us:.0f} µs / {plain_us:.0f} µs = {guarded_us / plain_us:.2f}×"),
        Headline("ownership guard check of a statement seen before", f"{cached:.2f} µs"),
    ])


if __name__ == "__main__":
    main()
