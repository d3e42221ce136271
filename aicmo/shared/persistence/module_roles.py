"""On PostgreSQL, each module also writes as a database role that may write only its own schema.

The guard in Python reads each statement; the role is the second wall, held by the database:
at the start of each of the module's transactions the connection takes the role
(``SET LOCAL ROLE aicmo_<module>``, gone with the transaction), and what the guard misses the
server refuses. The role may change rows in its module's schema and read every schema that
exists when its owner is migrated (reads are not what the guard is about), nothing else.

Roles belong to the whole server, which other databases share: each is created in a
transaction of its own, and a concurrent creator's win (duplicate_object, or unique_violation
while both were inserting) counts as done. Grants belong to one database and are made in the
migration's transaction.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from sqlalchemy import event, text

from aicmo.shared.persistence.engines import SCHEMAS

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

__all__ = ["ensure_role", "grant_module_role", "module_role_ready", "prepare_module_role", "role_of", "stop_taking_roles",
           "take_role_in_transactions"]


def role_of(module: str) -> str:
    return f"aicmo_{module}"


def _quoted(name: str) -> str:
    assert name.replace("_", "").isalnum(), f"not a plain identifier: {name}"
    return f'"{name}"'


def ensure_role(engine: "Engine", role: str) -> None:
    """Create ``role`` (no login) unless it exists; the connected user may then take it."""
    name = _quoted(role)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"""
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN
                    BEGIN
                        CREATE ROLE {name} NOLOGIN;
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN
                        NULL;  -- created meanwhile by another session
                    END;
                END IF;
                IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
                   AND NOT pg_has_role(current_user, '{role}', 'MEMBER') THEN
                    BEGIN
                        EXECUTE 'GRANT ' || quote_ident('{role}') || ' TO ' || quote_ident(current_user);
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN
                        NULL;
                    END;
                END IF;
            END
            $$""")


def grant_module_role(connection: "Connection", module: str, schema: str) -> None:
    """Within this database: rows of ``schema`` read and written, every other existing schema read only."""
    role, own = _quoted(role_of(module)), _quoted(schema)
    statements = [
        f"GRANT USAGE ON SCHEMA {own} TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {own} TO {role}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {own} TO {role}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {own} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {own} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {role}",
    ]
    existing = set(connection.execute(text("SELECT nspname FROM pg_namespace")).scalars())
    for other in ("public", *SCHEMAS):
        if other == schema or other not in existing:
            continue
        quoted = _quoted(other)
        statements += [
            f"GRANT USAGE ON SCHEMA {quoted} TO {role}",
            f"GRANT SELECT ON ALL TABLES IN SCHEMA {quoted} TO {role}",
            # legacy creates its tables after the migrations: they are readable too
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {quoted} GRANT SELECT ON TABLES TO {role}",
        ]
    for statement in statements:
        connection.exec_driver_sql(statement)


def prepare_module_role(engine: "Engine", connection: "Connection", module: str, schema: str) -> None:
    """The module's role on the server, and its grants in this database (in ``connection``'s transaction)."""
    ensure_role(engine, role_of(module))
    grant_module_role(connection, module, schema)


def module_role_ready(engine: "Engine", module: str, schema: str) -> bool:
    """Whether the module's role exists and may write its schema's tables in this database."""
    with engine.connect() as connection:
        return bool(connection.execute(text(
            "SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = :role) "
            "AND has_schema_privilege(:role, :schema, 'USAGE')"), {"role": role_of(module), "schema": schema}).scalar())


def _set_role(connection: "Connection", module: str) -> None:
    # straight on the driver's cursor: the statement is the kit's, not the module's, and the
    # module's guard refuses SET ROLE from anyone else
    cursor = connection.connection.cursor()
    try:
        cursor.execute(f"SET LOCAL ROLE {_quoted(role_of(module))}")
    finally:
        cursor.close()


_ROLE_TAKERS: dict[str, Callable[["Connection"], None]] = {}  # one "begin" listener per module


def _role_taker(module: str) -> Callable[["Connection"], None]:
    taker = _ROLE_TAKERS.get(module)
    if taker is None:
        def on_begin(connection: "Connection") -> None:
            _set_role(connection, module)

        taker = _ROLE_TAKERS.setdefault(module, on_begin)
    return taker


def stop_taking_roles(connection: "Connection") -> None:
    """Later transactions on ``connection`` take no module's role (a shadow run ended; its connection is kept)."""
    for taker in list(_ROLE_TAKERS.values()):
        if event.contains(connection, "begin", taker):
            event.remove(connection, "begin", taker)


def take_role_in_transactions(bind: Any, module: str) -> None:
    """Each transaction begun on ``bind`` (a module's engine, or a connection) runs as the module's role.

    A connection already inside a transaction takes the role at once, for the rest of it.
    Nothing on SQLite, which has no roles.
    """
    if bind.dialect.name != "postgresql":
        return
    on_begin = _role_taker(module)
    if not event.contains(bind, "begin", on_begin):
        event.listen(bind, "begin", on_begin)
    if hasattr(bind, "in_transaction") and bind.in_transaction():
        _set_role(bind, module)
