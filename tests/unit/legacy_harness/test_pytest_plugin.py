"""The test harness (aicmo.legacy_harness.pytest_plugin): clock, ids, in-memory database, fake providers."""
from __future__ import annotations

import ast
import sys
import uuid
from datetime import date, datetime, timedelta, timezone
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from aicmo.shared.pinned_time import FreezegunMissing, load_freezegun
from aicmo.legacy_harness.pytest_plugin import legacy_memory_database
from aicmo.strangler.legacy_freeze import legacy_files

pytestmark = pytest.mark.legacy_internals("cam", "onboarding", "billing", "domain")

REPO = Path(__file__).resolve().parents[3]
LEGACY_SOURCES = [REPO / name for name in legacy_files(REPO) if name.endswith(".py")]


def test_the_plugin_is_registered_through_the_pytest11_entry_point(request):
    """Installing the project registers aicmo.legacy_harness.pytest_plugin as a pytest plugin."""
    registered = {ep.name: ep.value for ep in entry_points(group="pytest11")}
    assert "aicmo.legacy_harness.pytest_plugin" == registered.get("aicmo_testing")
    assert request.config.pluginmanager.has_plugin("aicmo_testing")


def test_fixed_clock_freezes_now_and_today_at_the_default_instant(fixed_clock):
    """Both clocks legacy reads are pinned at 2026-01-15T10:00:00Z."""
    assert datetime(2026, 1, 15, 10, 0, tzinfo=timezone.utc) == datetime.now(timezone.utc)
    assert date(2026, 1, 15) == date.today()


def test_fixed_clock_ticks_and_moves(fixed_clock):
    """tick() adds seconds or a timedelta; move_to() jumps to an ISO or aware instant."""
    assert datetime(2026, 1, 15, 10, 0, 5, tzinfo=timezone.utc) == fixed_clock.tick(5)
    assert datetime(2026, 1, 16, 10, 0, 5, tzinfo=timezone.utc) == fixed_clock.tick(timedelta(days=1))
    assert datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc) == fixed_clock.move_to("2026-03-01T09:00:00+01:00")
    assert date(2026, 3, 1) == date.today()


@pytest.mark.fixed_clock("2026-06-30T23:59:00Z")
def test_fixed_clock_starts_at_the_marker_instant(fixed_clock):
    """@pytest.mark.fixed_clock chooses the starting instant."""
    assert datetime(2026, 6, 30, 23, 59, tzinfo=timezone.utc) == fixed_clock.now()


def test_durations_stay_real_under_the_frozen_clock(pytester):
    """pytest --durations reports the real time of a test that moves the frozen clock, not the jump."""
    pytester.makepyfile(
        """
        import time

        def test_moves_the_clock_and_waits(fixed_clock):
            fixed_clock.move_to("2031-01-01T00:00:00Z")
            time.sleep(0.2)
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "--durations=1", "--durations-min=0")
    result.assert_outcomes(passed=1)
    (line,) = [row for row in result.outlines if row.endswith("test_moves_the_clock_and_waits")]
    seconds = float(line.split("s ", 1)[0])
    assert 0.2 <= seconds < 10, line  # without the fix: epoch-sized (the frozen clock read against the real one)


def test_a_missing_freezegun_fails_loudly(monkeypatch):
    """Without freezegun the clock cannot be pinned, and that is an error, not a no-op."""
    monkeypatch.setitem(sys.modules, "freezegun", None)
    with pytest.raises(FreezegunMissing, match="freezegun is required"):
        load_freezegun()


def test_seeded_ids_replace_uuid4_with_a_reproducible_sequence(seeded_ids):
    """The same seed gives the same ids in the same order, and each is recorded."""
    first = [uuid.uuid4() for _ in range(3)]
    seeded_ids.reseed(seeded_ids.seed)
    assert first == [uuid.uuid4() for _ in range(3)]
    assert [str(u) for u in first * 2] == seeded_ids.issued
    assert all(4 == u.version for u in first)


@pytest.mark.seeded_ids("another seed")
def test_seeded_ids_take_their_seed_from_the_marker(seeded_ids):
    """@pytest.mark.seeded_ids chooses the seed."""
    assert "another seed" == seeded_ids.seed


def test_every_legacy_id_is_minted_through_the_uuid_module():
    """No legacy file binds uuid4 directly, so patching uuid.uuid4 reaches every id."""
    direct = []
    for path in LEGACY_SOURCES:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module == "uuid":
                direct.append(str(path.relative_to(REPO)))
    assert [] == direct


def test_memory_db_binds_every_legacy_table_into_the_global_session(memory_db, fixed_clock, seeded_ids):
    """Rows written through the legacy SessionLocal are visible in memory_db."""
    from aicmo.domain import ClientIntake
    from backend.db.models import Base
    from backend.services.onboarding import create_client

    assert sorted(Base.metadata.tables) == memory_db.tables()
    with memory_db.session() as session:
        create_client(session, ClientIntake(brand_name="Acme"))
        session.commit()
    assert ["Acme"] == [row["name"] for row in memory_db.rows("cam_campaigns")]
    assert 1 == sum(len(rows) for rows in memory_db.dump().values())


def test_the_memory_database_restores_the_previous_binding_and_starts_empty():
    """The earlier URL override is back afterwards, and a second database is fresh."""
    from backend.db import session as legacy_session

    legacy_session.configure("sqlite:///elsewhere.db")
    try:
        with legacy_memory_database() as database:
            assert "sqlite://" == legacy_session.database_url()
            with database.engine.begin() as connection:
                connection.exec_driver_sql(
                    "INSERT INTO report_snapshots VALUES ('x', 'c', '2026-01-01', '2026-01-02', '{}', '2026-01-02')"
                )
        assert "sqlite:///elsewhere.db" == legacy_session.database_url()
        with legacy_memory_database() as database:
            assert [] == database.rows("report_snapshots")
    finally:
        legacy_session.configure(None)


def test_the_fake_llm_answers_deterministically_per_prompt(fake_providers):
    """Unscripted prompts get a text derived from task and prompt; every call is recorded."""
    from backend.llm.client import get_llm_client

    client = get_llm_client()
    first = client.complete("caption", "Write about pillar one")
    assert first == client.complete("caption", "Write about pillar one")
    assert first != client.complete("caption", "Write about pillar two")
    assert ["answered"] * 3 == [c.outcome for c in fake_providers.llm.calls]


def test_the_fake_llm_can_be_scripted_failed_or_silenced(fake_providers):
    """script() answers a task, fail() raises (legacy skips it), silence() answers nothing."""
    from backend.llm.client import get_llm_client

    client = get_llm_client()
    fake_providers.llm.script("rewrite", lambda prompt, context: f"rewritten {context['n']}")
    assert "rewritten 7" == client.complete("rewrite", "p", {"n": 7})
    fake_providers.llm.fail("strategy")
    assert "" == client.complete("strategy", "p")
    fake_providers.llm.silence()
    assert "" == client.complete("caption", "p")
    assert ["answered", "error", "empty"] == [c.outcome for c in fake_providers.calls]


def test_the_fake_email_sender_is_the_legacy_live_send_hook(fake_providers):
    """outreach.EMAIL_SENDER is the fake; bounce() makes a send raise."""
    from backend.services.cam import outreach

    outreach.EMAIL_SENDER("a@x.com", "Hi", "Body")
    fake_providers.email.bounce("B@x.com")
    with pytest.raises(RuntimeError, match="bounced"):
        outreach.EMAIL_SENDER("b@x.com", "Hi", "Body")
    assert [("a@x.com", "sent"), ("b@x.com", "error")] == [
        (c.args["to"], c.outcome) for c in fake_providers.email.calls
    ]


def test_the_fake_payments_record_each_ledger_call_with_its_outcome(fake_providers, memory_db, fixed_clock, seeded_ids):
    """billing.record_payment is wrapped: the real rule decides, the fake records."""
    from backend.services import billing

    with memory_db.session() as session:
        invoice = billing.make_invoice("c" * 36, "signing", "UK", date.today(), "sent")
        session.add(invoice)
        session.flush()  # legacy sessions do not autoflush
        billing.record_payment(session, invoice.id, 100.0)
        with pytest.raises(billing.PaymentError):
            billing.record_payment(session, invoice.id, -1)
        billing.record_payment(session, invoice.id, invoice.outstanding)
    assert [(100.0, "sent"), (-1, "error: payment must be positive"), (29900.0, "paid")] == [
        (c.args["amount"], c.outcome) for c in fake_providers.payments.calls
    ]
