"""Where the workflow engine keeps a database's journeys."""
from __future__ import annotations

import os

from aicmo.orchestration.durable.system_database import system_database_url


def test_an_sqlite_file_gets_a_file_beside_it(tmp_path):
    assert f"sqlite:///{tmp_path / 'aicmo.dbos.db'}" == system_database_url(f"sqlite:///{tmp_path / 'aicmo.db'}")


def test_a_relative_sqlite_path_is_beside_the_file_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    url = system_database_url("sqlite:///app.db")
    assert os.path.samefile(tmp_path, os.path.dirname(url[len("sqlite:///"):])) and url.endswith("/app.dbos.db")


def test_an_in_memory_database_gets_a_new_temporary_file_each_time():
    first, second = system_database_url("sqlite://"), system_database_url("sqlite:///:memory:")
    assert first != second and first.endswith("journeys.dbos.db") and second.endswith("journeys.dbos.db")


def test_postgresql_keeps_them_in_the_same_database():
    assert "postgresql+psycopg://u@h/app" == system_database_url("postgresql://u@h/app")
