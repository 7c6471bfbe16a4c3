"""Access rules: which gate a configuration calls for, allow-list matching, passcode checks and the backoff."""

from __future__ import annotations

import hashlib

import pytest

from lib.access import (
    Gate,
    Throttle,
    backoff_seconds,
    gate_for,
    hash_passcode,
    is_allowed,
    normalise_addresses,
    passcode_matches,
    try_passcode,
)
from lib.config import AppConfig, Secret

PASSCODE = "correct horse battery staple"
PASSCODE_SHA256 = hashlib.sha256(PASSCODE.encode()).hexdigest()
LIVE = {"api_key": Secret("key"), "site_id": "site"}


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("config", "gate"),
    [
        (AppConfig(), Gate.OPEN),
        (AppConfig(**LIVE), Gate.SETUP),
        (AppConfig(**LIVE, allow_anonymous=True), Gate.OPEN),
        (AppConfig(**LIVE, passcode_sha256=Secret(PASSCODE_SHA256)), Gate.PASSCODE),
        (AppConfig(passcode_sha256=Secret(PASSCODE_SHA256)), Gate.PASSCODE),
        (AppConfig(sign_in=True, allowed_domains=frozenset({"example.com"})), Gate.SIGN_IN),
        (AppConfig(**LIVE, sign_in=True, allowed_emails=frozenset({"a@example.com"})), Gate.SIGN_IN),
        (
            AppConfig(sign_in=True, allowed_emails=frozenset({"a@b.c"}), passcode_sha256=Secret(PASSCODE_SHA256)),
            Gate.SIGN_IN,
        ),
        (AppConfig(sign_in=True), Gate.SETUP),
        (AppConfig(**LIVE, sign_in=True, allow_anonymous=True), Gate.SETUP),
    ],
    ids=[
        "sandbox-open",
        "live-needs-setup",
        "live-anonymous-explicit",
        "live-passcode",
        "sandbox-passcode-applies",
        "sandbox-sign-in-applies",
        "live-sign-in",
        "sign-in-wins-over-passcode",
        "sign-in-empty-allow-list",
        "empty-allow-list-not-opened-by-anonymous",
    ],
)
def test_gate_for(config: AppConfig, gate: Gate) -> None:
    assert gate_for(config) is gate


def test_normalise_addresses() -> None:
    assert normalise_addresses([" Ana@Example.COM ", "@Team.Example", "", "  "]) == {"ana@example.com", "team.example"}


@pytest.mark.parametrize(
    ("email", "verified", "allowed"),
    [
        ("ana@example.com", None, True),
        ("ANA@Example.com ", True, True),
        ("bob@team.example", "true", True),
        ("bob@team.example", None, True),
        ("eve@elsewhere.example", True, False),
        ("eve@sub.team.example", True, False),
        ("eve@team.example.evil.com", True, False),
        ("team.example", True, False),
        ("@team.example", True, False),
        ("", True, False),
        (None, True, False),
        ("ana@example.com", False, False),
        ("bob@team.example", "false", False),
    ],
)
def test_is_allowed(email: object, verified: object, allowed: bool) -> None:
    assert is_allowed(email, verified, {"ana@example.com"}, {"team.example"}) is allowed


def test_empty_allow_list_allows_nobody() -> None:
    assert not is_allowed("ana@example.com", True, set(), set())


def test_passcode_hash_and_compare() -> None:
    assert hash_passcode(PASSCODE) == PASSCODE_SHA256
    assert passcode_matches(PASSCODE, PASSCODE_SHA256)
    assert passcode_matches(PASSCODE, PASSCODE_SHA256.upper())
    assert not passcode_matches(PASSCODE + " ", PASSCODE_SHA256)
    assert not passcode_matches("", PASSCODE_SHA256)
    assert not passcode_matches(PASSCODE_SHA256, PASSCODE_SHA256)  # the hash itself is not the passcode


def test_backoff_schedule_doubles_and_is_capped() -> None:
    assert [backoff_seconds(n, cap=60) for n in range(8)] == [0, 2, 4, 8, 16, 32, 60, 60]
    assert backoff_seconds(10_000, cap=300) == 300


def test_throttle_refuses_until_the_delay_passes() -> None:
    clock = FakeClock()
    throttle = Throttle(cap=60, clock=clock)
    assert throttle.retry_in() == 0
    assert throttle.record_failure() == 2
    assert throttle.retry_in() == 2
    clock.now += 1.5
    assert throttle.retry_in() == pytest.approx(0.5)
    clock.now += 0.5
    assert throttle.retry_in() == 0
    assert throttle.record_failure() == 4
    assert throttle.record_failure() == 8
    assert throttle.retry_in() == 8


def test_throttle_forgets_after_a_quiet_period() -> None:
    clock = FakeClock()
    throttle = Throttle(cap=60, forget_after=900, clock=clock)
    for _ in range(5):
        throttle.record_failure()
    clock.now += 900
    assert throttle.retry_in() == 0
    assert throttle.record_failure() == 2


def test_right_passcode_gets_in() -> None:
    throttles = [Throttle(cap=300, clock=FakeClock()), Throttle(cap=60, clock=FakeClock())]
    attempt = try_passcode(PASSCODE, PASSCODE_SHA256, throttles)
    assert attempt.accepted
    assert all(throttle.retry_in() == 0 for throttle in throttles)


def test_wrong_passcode_counts_against_session_and_process() -> None:
    clock = FakeClock()
    session, process = Throttle(cap=300, clock=clock), Throttle(cap=60, clock=clock)
    attempt = try_passcode("guess", PASSCODE_SHA256, [session, process])
    assert (attempt.accepted, attempt.checked, attempt.retry_in) == (False, True, 2)
    assert session.retry_in() == process.retry_in() == 2


def test_attempt_during_the_delay_is_refused_unchecked_even_when_right() -> None:
    clock = FakeClock()
    session = Throttle(cap=300, clock=clock)
    try_passcode("guess", PASSCODE_SHA256, [session])
    clock.now += 1
    attempt = try_passcode(PASSCODE, PASSCODE_SHA256, [session])
    assert (attempt.accepted, attempt.checked, attempt.retry_in) == (False, False, 1)
    clock.now += 1
    assert try_passcode(PASSCODE, PASSCODE_SHA256, [session]).accepted


def test_a_new_session_still_waits_for_the_process_delay() -> None:
    clock = FakeClock()
    process = Throttle(cap=60, clock=clock)
    for _ in range(3):
        clock.now += 10  # past the previous delay; each guess comes from a fresh session
        try_passcode("guess", PASSCODE_SHA256, [Throttle(cap=300, clock=clock), process])
    attempt = try_passcode(PASSCODE, PASSCODE_SHA256, [Throttle(cap=300, clock=clock), process])
    assert not attempt.accepted
    assert not attempt.checked
    assert attempt.retry_in == 8
