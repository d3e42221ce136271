"""Engines: one per process and database, SQLite behaving like a server, and one clear line for a bad URL."""
from __future__ import annotations

import os

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from aicmo.shared.persistence.engines import (
    DatabaseUnavailable,
    check_reachable,
    engine_for,
    forget_engine,
    normalize_url,
    sqlite_file,
)


def test_postgresql_urls_mean_psycopg_3():
    """A URL naming no driver gets the one the project installs."""
    assert "postgresql+psycopg://u@h/db" == normalize_url("postgresql://u@h/db") == normalize_url("postgres://u@h/db")
    assert "postgresql+psycopg://u@h/db" == normalize_url("postgresql+psycopg://u@h/db")


def test_a_relative_sqlite_file_is_the_one_in_the_current_folder(tmp_path, monkeypatch):
    """The same relative URL from two folders opens two files: engines are keyed by the absolute path."""
    engines = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        monkeypatch.chdir(tmp_path / name)
        engines.append(engine_for("sqlite:///app.db"))
        check_reachable(engines[-1])
    assert engines[0] is not engines[1]
    assert (tmp_path / "a" / "app.db").is_file() and (tmp_path / "b" / "app.db").is_file()
    for name in ("a", "b"):
        forget_engine(f"sqlite:///{tmp_path / name / 'app.db'}")


def test_an_engine_is_built_once_per_database_but_memory_is_new_each_time(tmp_path):
    """A file or server URL shares one engine in the process; `sqlite://` is a database of its own per call."""
    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert engine_for(url) is engine_for(url)
    assert engine_for("sqlite://") is not engine_for("sqlite://")
    forget_engine(url)


def test_which_file_an_sqlite_url_opens():
    """Memory databases, named or not, open no file; a file URI opens its path."""
    assert None is sqlite_file("sqlite://") is sqlite_file("sqlite:///file:x?mode=memory&cache=shared&uri=true")
    assert os.path.abspath("a.db") == sqlite_file("sqlite:///a.db")
    assert "/tmp/b.db" == sqlite_file("sqlite:///file:/tmp/b.db?uri=true")
    assert None is sqlite_file("postgresql://u@h/db")


def test_sqlite_enforces_foreign_keys_as_postgresql_does(database):
    """A row referring to a missing parent is refused on both backends."""
    with database.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS kit_child"))
        connection.execute(text("DROP TABLE IF EXISTS kit_parent"))
        connection.execute(text("CREATE TABLE kit_parent (id INTEGER PRIMARY KEY)"))
        connection.execute(text("CREATE TABLE kit_child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES kit_parent (id))"))
    with pytest.raises(IntegrityError):
        with database.engine.begin() as connection:
            connection.execute(text("INSERT INTO kit_child VALUES (1, 99)"))


def test_savepoints_roll_back_inside_an_outer_transaction(database):
    """A nested transaction's writes go with its rollback, the outer one's stay: what a shadow run needs."""
    with database.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS kit_notes"))
        connection.execute(text("CREATE TABLE kit_notes (body VARCHAR(10))"))
    with database.engine.connect() as connection:
        with connection.begin():
            connection.execute(text("INSERT INTO kit_notes VALUES ('kept')"))
            savepoint = connection.begin_nested()
            connection.execute(text("INSERT INTO kit_notes VALUES ('dropped')"))
            savepoint.rollback()
    with database.engine.connect() as connection:
        assert ["kept"] == list(connection.scalars(text("SELECT body FROM kit_notes")))


@pytest.mark.parametrize(("url", "says"), [
    ("not a url", "is not a database URL"),
    ("mysql://u@h/db", "no database driver for 'mysql'"),
])
def test_a_url_that_names_no_usable_database_is_one_line(url, says):
    """Malformed, or a driver not installed: DatabaseUnavailable with the reason."""
    with pytest.raises(DatabaseUnavailable, match=says) as refused:
        engine_for(url)
    assert "\n" not in str(refused.value)


def test_a_server_that_does_not_answer_is_one_line_with_its_address():
    """Nothing listens on the port: DatabaseUnavailable naming where, password masked."""
    engine = engine_for("postgresql://ana:secret@127.0.0.1:1/nowhere")
    with pytest.raises(DatabaseUnavailable, match=r"cannot reach postgresql\+psycopg://ana:\*\*\*@127.0.0.1:1/nowhere") as refused:
        check_reachable(engine)
    assert "secret" not in str(refused.value) and "\n" not in str(refused.value)
    forget_engine("postgresql://ana:secret@127.0.0.1:1/nowhere")
