"""An SQLite file the application writes: WAL, and every connection to it synced as AICMO_SQLITE_SYNCHRONOUS says.

SQLite only by nature (these are SQLite's pragmas); that PostgreSQL ignores the setting is
checked end to end in tests/e2e/test_sqlite_durability_setting.py.
"""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine

from aicmo.orchestration import bootstrap
from aicmo.orchestration.durable.engine import launched_for, shut_down
from aicmo.shared.persistence.engines import DatabaseUnavailable, engine_for, forget_engine
from aicmo.shared.persistence.sqlite_durability import SYNCHRONOUS_ENV, SqliteSettingError, synchronous
from backend.db import session as legacy_session

# PRAGMA synchronous answers a number
LEVEL_NUMBERS = {"FULL": 2, "NORMAL": 1}


def _pragmas(engine) -> tuple[str, int]:
    with engine.connect() as connection:
        return (connection.exec_driver_sql("PRAGMA journal_mode").scalar(),
                connection.exec_driver_sql("PRAGMA synchronous").scalar())


def test_the_setting_defaults_to_normal_and_takes_either_level_in_any_case():
    assert "NORMAL" == synchronous({})
    assert "FULL" == synchronous({SYNCHRONOUS_ENV: " full "})
    assert "NORMAL" == synchronous({SYNCHRONOUS_ENV: "normal"})


@pytest.mark.parametrize("raw", ["OFF", "EXTRA", "2", "fast"])
def test_a_level_that_could_lose_a_commit_to_a_crash_or_is_no_level_is_refused(raw):
    """OFF would lose commits to a killed process, EXTRA and numbers are not offered: one line naming the variable."""
    with pytest.raises(SqliteSettingError) as refused:
        synchronous({SYNCHRONOUS_ENV: raw})
    assert f"{SYNCHRONOUS_ENV}='{raw}'" in str(refused.value) and "\n" not in str(refused.value)


@pytest.mark.parametrize("level", ["FULL", "NORMAL"])
def test_every_connection_to_the_files_follows_the_setting_whoever_opens_it(tmp_path, monkeypatch, level):
    """The kit's engine, legacy's global engine, and any engine on the journeys' system database (the workflow
    engine's is built by the library) get WAL and the level; a file the application does not write keeps SQLite's
    defaults."""
    monkeypatch.setenv(SYNCHRONOUS_ENV, level)
    url = f"sqlite:///{tmp_path / 'aicmo.db'}"
    try:
        bootstrap.prepare_database(url, upgrade=True)
        bootstrap.configure_legacy_database(url)
        system_url = launched_for(url)
        expected = ("wal", LEVEL_NUMBERS[level])
        assert expected == _pragmas(engine_for(url))
        assert expected == _pragmas(legacy_session.get_engine())
        foreign = create_engine(system_url)  # as the workflow engine builds its own
        try:
            assert expected == _pragmas(foreign)
        finally:
            foreign.dispose()
        other = create_engine(f"sqlite:///{tmp_path / 'elsewhere.db'}")
        try:
            assert ("delete", 2) == _pragmas(other)
        finally:
            other.dispose()
    finally:
        shut_down()
        legacy_session.configure(None)
        forget_engine(url)


def test_a_bad_setting_refuses_the_database_before_its_file_is_made(tmp_path, monkeypatch):
    monkeypatch.setenv(SYNCHRONOUS_ENV, "sometimes")
    url = f"sqlite:///{tmp_path / 'aicmo.db'}"
    with pytest.raises(DatabaseUnavailable, match=f"{SYNCHRONOUS_ENV}='sometimes'"):
        engine_for(url)
    assert not (tmp_path / "aicmo.db").exists()
    monkeypatch.delenv(SYNCHRONOUS_ENV)
    engine_for(url)  # nothing of the refused call was kept
    forget_engine(url)

