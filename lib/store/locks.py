"""One action at a time per site across every process on the database: PostgreSQL session advisory locks (freed by
the server when the holding process dies), SQLite leases taken in an IMMEDIATE transaction (a killed process's lease
expires after `LEASE_SECONDS`). The per-process lock of `lib.ui.actions` sits in front of this one."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from lib.store.database import Store, StoreError, lock_key
from lib.store.schema import site_leases

LEASE_SECONDS = 300.0  # longer than any action (a Wix call and its retries); SQLite only
WAIT_STEP_SECONDS = 0.1


@dataclass
class Held:
    """A site lock this process holds: the PostgreSQL connection that holds it, or the SQLite lease's holder."""

    site: str
    connection: Connection | None = None
    holder: str = ""


class SiteLocks:
    """Try, release and wait for the per-site action lock."""

    def __init__(self, store: Store, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self._clock = clock

    def try_acquire(self, site: str) -> Held | None:
        """Take the site's lock if nobody holds it; None when another action (of any process) holds it."""
        if self.store.backend == "postgresql":
            return self._try_advisory(site)
        holder = uuid.uuid4().hex
        now = self._clock()
        with self.store.transaction() as db:  # IMMEDIATE: no other process reads between this check and the claim
            current = db.execute(select(site_leases.c.expires_at).where(site_leases.c.site == site)).scalar()
            if current is not None and current > now:
                return None
            db.execute(delete(site_leases).where(site_leases.c.site == site))
            db.execute(insert(site_leases).values(site=site, holder=holder, expires_at=now + LEASE_SECONDS))
        return Held(site, holder=holder)

    def release(self, held: Held) -> None:
        """Give the lock back (a lease only if it is still this holder's)."""
        if held.connection is not None:
            try:
                held.connection.execute(select(func.pg_advisory_unlock(lock_key(_topic(held.site)))))
                held.connection.commit()
            finally:
                held.connection.close()  # back to the pool; a broken one is discarded (and its lock with it)
            return
        with self.store.transaction() as db:
            db.execute(update(site_leases).where(site_leases.c.site == held.site, site_leases.c.holder == held.holder)
                       .values(expires_at=0.0))  # fmt: skip

    def wait_until_free(self, site: str, timeout: float) -> bool:
        """Wait (at most ``timeout`` seconds) until nobody holds the site's lock; True if it became free."""
        deadline = time.monotonic() + timeout
        while True:
            held = self.try_acquire(site)
            if held is not None:
                self.release(held)
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(WAIT_STEP_SECONDS)

    def _try_advisory(self, site: str) -> Held | None:
        try:
            connection = self.store.engine.connect()
        except SQLAlchemyError as error:
            raise StoreError(self.store.explain(error)) from None
        try:
            taken = connection.execute(select(func.pg_try_advisory_lock(lock_key(_topic(site))))).scalar()
            connection.commit()  # a session lock outlives the transaction; the connection stays checked out
        except SQLAlchemyError as error:
            connection.close()
            raise StoreError(self.store.explain(error)) from None
        if not taken:
            connection.close()
            return None
        return Held(site, connection=connection)


def _topic(site: str) -> str:
    return f"site action:{site}"
