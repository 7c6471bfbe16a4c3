"""The schema's versions, applied in order when the app opens its database: a table ``schema_version`` with one row
per step applied.

A small version table rather than Alembic: the schema is a handful of tables that only ever grow, the steps run at
start inside the app (no command for anyone to run on a host), and both backends take the same SQLAlchemy Core DDL.
Alembic would add its environment, revision scripts and configuration for the same effect.

Two replicas starting at once apply each step once: the steps run in one `Store.serialised` transaction (PostgreSQL's
DDL is transactional; SQLite's transaction begins IMMEDIATE).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, func, insert, select

from lib.store.database import Store
from lib.store.schema import audit_entries, audit_entries_started, schema_version, site_leases, throttles


def _audit_log(connection: Connection) -> None:
    """1: the audit log. A SQLite file of earlier versions has it already (same table and index): kept as it is."""
    audit_entries.create(connection, checkfirst=True)
    audit_entries_started.create(connection, checkfirst=True)


def _locks_and_throttles(connection: Connection) -> None:
    """2: action leases (SQLite) and shared failure counts."""
    site_leases.create(connection, checkfirst=True)
    throttles.create(connection, checkfirst=True)


STEPS: tuple[Callable[[Connection], None], ...] = (_audit_log, _locks_and_throttles)


def migrate(store: Store) -> int:
    """Apply the steps this database has not had; return its version afterwards."""
    with store.serialised("schema migration") as connection:
        schema_version.create(connection, checkfirst=True)
        current = connection.scalar(select(func.count()).select_from(schema_version)) or 0
        for number, step in enumerate(STEPS[current:], start=current + 1):
            step(connection)
            connection.execute(insert(schema_version).values(version=number))
        return max(current, len(STEPS))
