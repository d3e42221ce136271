"""Which tables one SQL text writes, read by parsing it (sqlglot) rather than by pattern.

A pattern over the text is fooled both ways: a comment (``INSERT/**/INTO``), a statement it
does not know (``REPLACE INTO``, ``TRUNCATE``, a writable CTE) gets a write through, and a
string literal that reads like a write (``'update cam_campaigns'``) is refused. The parse
sees statements, not words.

The verdict on a text is one of three: it writes nothing; it writes these tables (schema and
name, normalised as the database resolves them: unquoted names fold case); or it is opaque —
unparseable, or a statement whose effect cannot be read from its text (``DO``, ``EXECUTE``,
``SET ROLE``, anything sqlglot keeps as a Command) — and a guard refuses it. Reads are never
the concern here. Verdicts are cached by text: a module runs the same few statements over
and over.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Optional, Union

import attrs
import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.optimizer.normalize_identifiers import normalize_identifiers

__all__ = ["Opaque", "TableName", "Writes", "written_tables"]


@attrs.frozen
class TableName:
    """A table as the database resolves it: schema (None when unqualified) and name."""

    schema: Optional[str]
    name: str

    def __str__(self) -> str:
        return f"{self.schema}.{self.name}" if self.schema else self.name


@attrs.frozen
class Writes:
    """The tables a text writes (empty: a read, or transaction control)."""

    tables: frozenset[TableName]


@attrs.frozen
class Opaque:
    """A text whose writes cannot be read from it; `why` says which statement."""

    why: str


Verdict = Union[Writes, Opaque]

# the dialects sqlglot reads, by SQLAlchemy dialect name
_DIALECTS = {"sqlite": "sqlite", "postgresql": "postgres"}

# statements with a write target in `this` (a Table, or a Schema/Index wrapping one)
_TARGETED = (exp.Insert, exp.Update, exp.Delete, exp.Merge, exp.Copy, exp.Alter, exp.Create, exp.Drop, exp.Comment)
# statements that read or only control the transaction
_QUIET = (exp.Select, exp.SetOperation, exp.Transaction, exp.Commit, exp.Rollback)
# SQLAlchemy's own savepoints, which sqlglot keeps as Commands
_SAVEPOINT = re.compile(r"\s*(?:SAVEPOINT|RELEASE\s+(?:SAVEPOINT\s+)?)\s*\"?\w+\"?\s*;?\s*", re.IGNORECASE)
# functions that change state although called from a SELECT: the session's settings (a role
# among them), sequences, other databases, files, extensions
_WRITING_FUNCTIONS = frozenset({
    "set_config", "setval", "pg_terminate_backend", "pg_cancel_backend", "dblink", "dblink_exec",
    "lo_import", "lo_export", "lo_unlink", "lo_from_bytea", "lo_put", "pg_write_file", "load_extension",
    "writefile", "pg_reload_conf", "pg_rotate_logfile",
})
# psycopg's placeholders (and its escaped percent sign), which sqlglot's PostgreSQL reader does
# not always take; a positional parameter stands in (inside a literal that changes no table)
_PYFORMAT = re.compile(r"%\(\w+\)s|%s|%%")


class _Unreadable(Exception):
    pass


def _parsed(sql: str, dialect: str) -> list[exp.Expression]:
    try:
        return [tree for tree in sqlglot.parse(sql, read=dialect) if tree is not None]
    except SqlglotError as error:
        raise _Unreadable(f"unparseable SQL ({str(error).splitlines()[0][:80]})") from None


def _table_name(node: exp.Expression, dialect: str) -> TableName:
    table = normalize_identifiers(node.copy(), dialect=dialect)
    assert isinstance(table, exp.Table)
    schema = table.args.get("db")
    return TableName(schema.name if schema is not None else None, table.name)


def _target(statement: exp.Expression) -> list[exp.Table]:
    if isinstance(statement, exp.Drop) and statement.args.get("tables"):
        return [t for t in statement.args["tables"] if isinstance(t, exp.Table)]
    target = statement.this
    if isinstance(target, exp.Table):
        return [target]
    if isinstance(target, exp.Index):  # CREATE INDEX names the index; the table is what changes
        table = target.args.get("table")
        return [table] if isinstance(table, exp.Table) else []
    if isinstance(target, exp.Expression):  # a Schema (INSERT's column list, CREATE's columns) wraps the table
        inner = target.this
        if isinstance(inner, exp.Table):
            return [inner]
    return []


def _writes_of(statement: exp.Expression, dialect: str) -> set[TableName]:
    if isinstance(statement, exp.Command):
        text = statement.sql(dialect=dialect)
        if _SAVEPOINT.fullmatch(text):
            return set()
        raise _Unreadable(f"an opaque statement ({text.split()[0].upper() if text.split() else 'empty'})")
    if not isinstance(statement, _TARGETED + _QUIET + (exp.TruncateTable,)):
        raise _Unreadable(f"a statement the guard does not read ({type(statement).__name__})")
    written: set[TableName] = set()
    # every write anywhere in the tree: the statement itself, a writable CTE, a nested write
    for node in statement.walk():
        if isinstance(node, exp.Command):
            raise _Unreadable("an opaque statement inside another")
        if isinstance(node, exp.TruncateTable):
            written.update(_table_name(t, dialect) for t in node.expressions if isinstance(t, exp.Table))
        elif isinstance(node, _TARGETED):
            tables = _target(node)
            if not tables:
                raise _Unreadable(f"a {type(node).__name__.upper()} whose table cannot be read")
            written.update(_table_name(t, dialect) for t in tables)
        elif isinstance(node, exp.Into):  # SELECT ... INTO creates a table
            written.update(_table_name(t, dialect) for t in node.find_all(exp.Table))
        elif isinstance(node, exp.Func):
            name = (node.name if isinstance(node, exp.Anonymous) else node.sql_name()).lower()
            if name in _WRITING_FUNCTIONS:
                raise _Unreadable(f"a function that changes state ({name})")
    return written


@lru_cache(maxsize=4096)
def written_tables(sql: str, dialect_name: str) -> Verdict:
    """What ``sql`` writes on the SQLAlchemy dialect ``dialect_name`` (sqlite, postgresql)."""
    dialect = _DIALECTS.get(dialect_name)
    if dialect is None:
        return Opaque(f"SQL for {dialect_name}, which the guard does not read")
    if dialect == "postgres":
        sql = _PYFORMAT.sub(lambda m: "%" if m.group() == "%%" else "$1", sql)
    try:
        statements = _parsed(sql, dialect)
        written: set[TableName] = set()
        for statement in statements:
            written |= _writes_of(statement, dialect)
    except _Unreadable as why:
        return Opaque(str(why))
    return Writes(frozenset(written))


class _CommandFallbackFilter(logging.Filter):
    """sqlglot warns each time it keeps a statement as a Command; here that is a verdict, not news."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Falling back to parsing as a 'Command'" not in record.getMessage()


logging.getLogger("sqlglot").addFilter(_CommandFallbackFilter())
