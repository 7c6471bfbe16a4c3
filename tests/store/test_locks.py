"""The per-site action lock across processes, on both databases: one holder at a time, free again on release, and a
holder killed mid-action does not block the site for good."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from lib.store.database import open_store
from lib.store.locks import LEASE_SECONDS, SiteLocks

ROOT = Path(__file__).resolve().parents[2]
HOLD_AND_WAIT = (
    "import sys, time\n"
    "from lib.store.database import open_store\n"
    "from lib.store.locks import SiteLocks\n"
    "held = SiteLocks(open_store(sys.argv[1])).try_acquire('site-1')\n"
    "print('held' if held else 'refused', flush=True)\n"
    "time.sleep(60)\n"
)


class Clock:
    def __init__(self) -> None:
        self.now = time.time()  # the killed holder's lease was taken on the real clock

    def __call__(self) -> float:
        return self.now


def test_one_holder_per_site_until_released(database: str) -> None:
    store = open_store(database)
    replica_a, replica_b = SiteLocks(store), SiteLocks(open_store(database))
    held = replica_a.try_acquire("site-1")
    assert held is not None
    assert replica_b.try_acquire("site-1") is None
    other_site = replica_b.try_acquire("site-2")  # other sites are not held up
    assert other_site is not None
    assert replica_b.wait_until_free("site-1", timeout=0.3) is False
    replica_a.release(held)
    assert replica_b.wait_until_free("site-1", timeout=0.3) is True
    again = replica_b.try_acquire("site-1")
    assert again is not None
    replica_b.release(again)
    replica_b.release(other_site)


def test_a_holder_killed_mid_action_frees_the_site(database: str) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_AND_WAIT, database], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        clock = Clock()
        locks = SiteLocks(open_store(database), clock=lambda: clock.now)
        assert locks.try_acquire("site-1") is None
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=10)
        if open_store(database).backend == "sqlite":  # a lease: free once it expires
            assert locks.try_acquire("site-1") is None
            clock.now += LEASE_SECONDS + 1
        # PostgreSQL frees a dead session's advisory lock once the server notices the dropped connection
        assert SiteLocks(locks.store, clock=lambda: clock.now).wait_until_free("site-1", timeout=10)
    finally:
        holder.kill()
        holder.wait(timeout=10)
