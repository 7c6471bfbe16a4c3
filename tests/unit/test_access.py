"""Access rules: which gate a configuration calls for, allow-list matching, passcode hashes (scrypt and the older
SHA-256), the command that makes a hash, and the backoff."""

from __future__ import annotations

import base64
import hashlib
import io
import subprocess
import sys
from pathlib import Path

import pytest

from lib import access
from lib.access import (
    Gate,
    Throttle,
    backoff_seconds,
    gate_for,
    hash_passcode,
    is_allowed,
    main,
    normalise_addresses,
    normalise_passcode_hash,
    parse_scrypt_hash,
    passcode_matches,
    try_passcode,
)
from lib.config import AppConfig, Secret

PASSCODE = "correct horse battery staple"
PASSCODE_SHA256 = hashlib.sha256(PASSCODE.encode()).hexdigest()  # the older, unsalted form
PASSCODE_SCRYPT = hash_passcode(PASSCODE, n=2**10)  # a cheap cost keeps the tests quick; the format is the same
ROOT = Path(__file__).resolve().parents[2]
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


def test_a_new_hash_is_self_describing_scrypt_with_its_own_salt() -> None:
    stored = hash_passcode(PASSCODE)
    prefix, n, r, p, salt, key = stored.split("$")
    assert (prefix, n, r, p) == ("scrypt", "32768", "8", "1")
    assert len(base64.b64decode(salt)) == 16
    assert base64.b64decode(key) == hashlib.scrypt(
        PASSCODE.encode(), salt=base64.b64decode(salt), n=32768, r=8, p=1, dklen=32, maxmem=2**26
    )
    again = hash_passcode(PASSCODE)
    assert again != stored, "each hash has its own salt"
    assert passcode_matches(PASSCODE, stored) and passcode_matches(PASSCODE, again)
    assert PASSCODE not in stored


@pytest.mark.parametrize(
    "stored", [PASSCODE_SCRYPT, PASSCODE_SHA256, PASSCODE_SHA256.upper()], ids=["scrypt", "sha256", "SHA256"]
)
def test_both_forms_accept_the_passcode_and_refuse_a_wrong_one(stored: str) -> None:
    assert passcode_matches(PASSCODE, stored)
    assert passcode_matches(PASSCODE, f"  {stored}\n")
    assert not passcode_matches(PASSCODE + " ", stored)
    assert not passcode_matches("correct horse battery stapler", stored)
    assert not passcode_matches("", stored)
    assert not passcode_matches(stored, stored)  # the hash itself is not the passcode


@pytest.mark.parametrize("stored", [PASSCODE_SCRYPT, PASSCODE_SHA256], ids=["scrypt", "sha256"])
def test_the_comparison_is_constant_time(stored: str, monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[tuple[object, object]] = []

    def compare_digest(a: object, b: object) -> bool:
        compared.append((a, b))
        return a == b

    monkeypatch.setattr(access.hmac, "compare_digest", compare_digest)
    assert not passcode_matches("guess", stored)
    assert len(compared) == 1


def _scrypt(n: int, r: int = 8, p: int = 1, salt: bytes = b"0123456789abcdef", key: bytes = bytes(32)) -> str:
    return f"scrypt${n}${r}${p}${base64.b64encode(salt).decode()}${base64.b64encode(key).decode()}"


@pytest.mark.parametrize(
    "stored",
    [
        "hunter2",
        "",
        PASSCODE_SHA256[:-1],
        "scrypt$1024$8$1$c2FsdA==",
        _scrypt(1000),  # not a power of two
        _scrypt(2**24),  # would need 2 GiB: refused, not computed
        _scrypt(1024, p=1000),
        _scrypt(1024, salt=b""),
        _scrypt(1024, key=b"short"),
        "bcrypt$1024$8$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5",
        "scrypt$1024$8$1$not base64!$a2V5",
    ],
)
def test_a_malformed_stored_hash_matches_nothing_and_is_refused_without_echo(stored: str) -> None:
    assert not passcode_matches(PASSCODE, stored)
    with pytest.raises(ValueError) as refused:
        normalise_passcode_hash(stored)
    assert "python -m lib.access hash" in str(refused.value)
    assert not stored or stored not in str(refused.value)


def test_normalise_keeps_scrypt_and_lowers_a_legacy_digest() -> None:
    assert normalise_passcode_hash(PASSCODE_SHA256.upper()) == PASSCODE_SHA256
    assert normalise_passcode_hash(f" {PASSCODE_SCRYPT} ") == PASSCODE_SCRYPT
    assert parse_scrypt_hash(PASSCODE_SCRYPT).n == 2**10


def test_hash_command_reads_standard_input_and_prints_a_hash() -> None:
    out = io.StringIO()
    assert main(["hash"], stdin=io.StringIO(PASSCODE + "\n"), stdout=out) == 0
    stored = out.getvalue().strip()
    assert stored.startswith("scrypt$32768$8$1$")
    assert passcode_matches(PASSCODE, stored)


def test_hash_command_asks_twice_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    answers = iter([PASSCODE, PASSCODE])
    monkeypatch.setattr(access.getpass, "getpass", lambda prompt: next(answers))
    out = io.StringIO()
    assert main(["hash"], stdin=Terminal(), stdout=out) == 0
    assert passcode_matches(PASSCODE, out.getvalue().strip())
    answers = iter([PASSCODE, "something else"])
    assert main(["hash"], stdin=Terminal(), stdout=io.StringIO()) == 1


def test_hash_command_never_takes_the_passcode_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    assert main(["hash", PASSCODE], stdin=io.StringIO(""), stdout=out) == 2
    assert out.getvalue() == ""
    assert PASSCODE not in capsys.readouterr().err
    assert main(["hash"], stdin=io.StringIO("\n"), stdout=out) == 1, "an empty passcode makes no hash"


def test_python_dash_m_lib_access_hash() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "lib.access", "hash"],
        input=PASSCODE,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert passcode_matches(PASSCODE, done.stdout.strip())


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


@pytest.mark.parametrize("stored", [PASSCODE_SCRYPT, PASSCODE_SHA256], ids=["scrypt", "sha256"])
def test_right_passcode_gets_in(stored: str) -> None:
    throttles = [Throttle(cap=300, clock=FakeClock()), Throttle(cap=60, clock=FakeClock())]
    attempt = try_passcode(PASSCODE, stored, throttles)
    assert attempt.accepted
    assert all(throttle.retry_in() == 0 for throttle in throttles)


@pytest.mark.parametrize("stored", [PASSCODE_SCRYPT, PASSCODE_SHA256], ids=["scrypt", "sha256"])
def test_wrong_passcode_counts_against_session_and_process(stored: str) -> None:
    clock = FakeClock()
    session, process = Throttle(cap=300, clock=clock), Throttle(cap=60, clock=clock)
    attempt = try_passcode("guess", stored, [session, process])
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
