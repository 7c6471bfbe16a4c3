"""The app's own database, through SQLAlchemy 2 Core: a SQLite file by default (local use needs no setup), PostgreSQL
(psycopg 3) when ``STUDIO_DATABASE_URL`` or ``[studio] database_url`` names one, e.g. on a host whose disk is wiped at
each deploy or with several replicas.

One library for both backends instead of two hand-written ones: the same table definitions and queries run on each,
and the connection pool, quoting (``user`` is a reserved word in PostgreSQL) and URL parsing are SQLAlchemy's.

The password of a URL never leaves this module: `Store.name` and every `StoreError` message are redacted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

SQLITE_BUSY_SECONDS = 10  # how long a SQLite write waits for another writer before it fails
POSTGRES_CONNECT_SECONDS = 5  # an unreachable server is reported after this, not after the OS's own timeout


class StoreError(Exception):
    """The database could not be opened, read or written. The message names the database without its password."""


@dataclass(frozen=True)
class Store:
    """An open database: its engine, its backend ("sqlite" or "postgresql") and a name safe to show."""

    engine: Engine
    backend: str
    name: str

    @contextmanager
    def serialised(self, topic: str) -> Iterator[Connection]:
        """A transaction that no other transaction on ``topic`` overlaps, in any process (PostgreSQL: a transaction
        advisory lock; SQLite: every transaction here begins IMMEDIATE, so writers never overlap)."""
        with self.transaction() as connection:
            if self.backend == "postgresql":
                connection.execute(select(func.pg_advisory_xact_lock(lock_key(topic))))
            yield connection

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A connection in a transaction, committed at the end; database errors become `StoreError`."""
        try:
            with self.engine.begin() as connection:
                yield connection
        except SQLAlchemyError as error:
            raise StoreError(self.explain(error)) from None

    def explain(self, error: BaseException) -> str:
        """What went wrong, without the URL's password (drivers may quote what they were given)."""
        original = getattr(error, "orig", None) or error
        text = str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
        password = self.engine.url.password
        if password:
            text = text.replace(str(password), "***")
        return f"the database {self.name} failed: {text}"


def lock_key(topic: str) -> int:
    """A stable signed 64-bit number for a lock's topic (PostgreSQL advisory locks are keyed by bigint)."""
    return int.from_bytes(hashlib.blake2b(topic.encode(), digest_size=8).digest(), "big", signed=True)


def open_store(location: str | Path, earlier_file: str | Path | None = None) -> Store:
    """Open (and migrate, `lib.store.migrations`) the database at ``location``: a ``postgresql://`` URL, or a file
    path for SQLite (its folder is made). A PostgreSQL store with no audit entries yet takes those of
    ``earlier_file``, the SQLite file used before. Raises `StoreError` if it cannot be opened."""
    from lib.store.migrations import carry_over, migrate  # the migrations use Store: imported here, not at the top

    store = _connect(str(location))
    migrate(store)
    if earlier_file is not None:
        carry_over(store, Path(earlier_file))
    return store


def _connect(location: str) -> Store:
    if "://" not in location:
        return _sqlite(Path(location))
    try:
        url = make_url(location)
        url.port  # noqa: B018 - parsed lazily: a port that is not a number raises here
    except (ArgumentError, ValueError):
        raise StoreError("the database URL is not a valid URL (postgresql://user:password@host:5432/name)") from None
    name = url.render_as_string(hide_password=True)
    if url.get_backend_name() != "postgresql":
        raise StoreError(f"the database {name} is not PostgreSQL: use a postgresql:// URL, or leave it unset (SQLite)")
    engine = create_engine(
        url.set(drivername="postgresql+psycopg"),
        pool_pre_ping=True,  # a connection the server dropped (restart, idle timeout) is replaced, not failed with
        connect_args={"connect_timeout": POSTGRES_CONNECT_SECONDS, "application_name": "marketing-plan-studio"},
    )
    return Store(engine, "postgresql", name)


def _sqlite(path: Path) -> Store:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"the database file {path} cannot be created: {error.strerror}") from None
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": SQLITE_BUSY_SECONDS})
    # SQLAlchemy's recipe for SQLite transactions that begin when asked and lock as asked:
    # https://docs.sqlalchemy.org/en/20/dialects/sqlite.html#serializable-isolation-savepoints-transactional-ddl
    # The driver's own BEGIN handling is switched off and every transaction begins IMMEDIATE (takes the write lock at
    # once), so a read-then-write (a lease, the throttle's count) is never interleaved with another process's.
    event.listen(engine, "connect", _sqlite_connected)
    event.listen(engine, "begin", _sqlite_begin)
    return Store(engine, "sqlite", str(path))


def _sqlite_connected(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    mode = dbapi_connection.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise StoreError(f"the database file needs WAL mode, SQLite gave {mode!r}")


def _sqlite_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")
