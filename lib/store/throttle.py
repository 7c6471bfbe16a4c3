"""A failure count shared by every process on the database (the passcode throttle across replicas): the same
questions as `lib.access.Throttle`, with the count in the ``throttles`` table and wall-clock times (one clock for all
processes)."""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import ColumnElement, delete, insert, select

from lib.access import FORGET_FAILURES_AFTER_SECONDS, backoff_seconds
from lib.store.database import Store
from lib.store.schema import throttles


class StoredThrottle:
    """Counts wrong attempts under ``name`` for every process and says how long to refuse new ones; the count is
    forgotten once ``forget_after`` seconds pass without a failure. Raises `StoreError` when the database fails."""

    def __init__(
        self,
        store: Store,
        name: str,
        cap: float,
        forget_after: float = FORGET_FAILURES_AFTER_SECONDS,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.store = store
        self.name = name
        self._cap = cap
        self._forget_after = forget_after
        self._clock = clock

    def _now(self) -> float:
        """Seconds since the epoch: the injected clock, else ``time.time`` of this module at each call."""
        return self._clock() if self._clock else time.time()

    def retry_in(self) -> float:
        """Seconds until a new attempt is accepted (0 when it is accepted now)."""
        now = self._now()
        with self.store.transaction() as db:
            row = db.execute(select(throttles.c.failures, throttles.c.last_failure_at).where(self._mine())).first()
        if row is None or now - row.last_failure_at >= self._forget_after:
            return 0.0
        return max(0.0, row.last_failure_at + backoff_seconds(row.failures, self._cap) - now)

    def record_failure(self) -> float:
        """Count one more wrong attempt; return how long new attempts are now refused."""
        now = self._now()
        with self.store.serialised(f"throttle:{self.name}") as db:
            row = db.execute(select(throttles.c.failures, throttles.c.last_failure_at).where(self._mine())).first()
            recent = row is not None and now - row.last_failure_at < self._forget_after
            failures = (row.failures if row is not None and recent else 0) + 1
            db.execute(delete(throttles).where(self._mine()))
            db.execute(insert(throttles).values(name=self.name, failures=failures, last_failure_at=now))
        return backoff_seconds(failures, self._cap)

    def _mine(self) -> ColumnElement[bool]:
        return throttles.c.name == self.name
