"""The passcode throttle shared by replicas, on both databases: failures made through any replica count together,
and are forgotten after a quiet spell."""

from __future__ import annotations

from lib.access import backoff_seconds
from lib.store.database import open_store
from lib.store.throttle import StoredThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_failures_through_two_replicas_count_together(database: str) -> None:
    clock = Clock()
    replica_a = StoredThrottle(open_store(database), "passcode", cap=60, clock=clock)
    replica_b = StoredThrottle(open_store(database), "passcode", cap=60, clock=clock)
    assert replica_a.retry_in() == 0
    for failures, throttle in enumerate((replica_a, replica_b, replica_a, replica_b, replica_b), start=1):
        assert throttle.record_failure() == backoff_seconds(failures, 60)
        clock.now += 0.5
    assert replica_a.retry_in() == backoff_seconds(5, 60) - 0.5  # five failures, whichever replica saw them
    assert replica_b.retry_in() == replica_a.retry_in()
    assert StoredThrottle(replica_a.store, "other", cap=60, clock=clock).retry_in() == 0  # counted by name


def test_the_count_is_forgotten_after_a_quiet_spell(database: str) -> None:
    clock = Clock()
    throttle = StoredThrottle(open_store(database), "passcode", cap=60, forget_after=900, clock=clock)
    for _ in range(4):
        throttle.record_failure()
    clock.now += 900
    assert throttle.retry_in() == 0
    assert throttle.record_failure() == backoff_seconds(1, 60)  # counting starts again
