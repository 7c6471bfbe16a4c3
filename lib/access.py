"""Who may use the app and how they prove it: pure rules (no Streamlit), unit-tested.

Which gate applies (see :func:`gate_for`):
- OpenID Connect sign-in (Streamlit's ``[auth]``) when configured, then an allow-list of e-mail addresses or domains;
- else a shared passcode when ``[access] passcode_sha256`` is set, with a growing delay after wrong attempts;
- else live mode shows setup instructions and no site data, unless anonymous use is allowed explicitly;
- the sandbox is open when nothing is configured.

The passcode is stored as a scrypt hash with its own random salt, in a string that names its parameters
(``scrypt$n$r$p$salt$hash``, base64): make one with ``python -m lib.access hash``. The older unsalted hex SHA-256 is
still accepted, so existing secrets keep working until they are replaced.
"""

from __future__ import annotations

import base64
import binascii
import getpass
import hashlib
import hmac
import logging
import math
import re
import secrets
import sys
import threading
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, TextIO

log = logging.getLogger("studio.access")

SCRYPT_PREFIX = "scrypt"
SCRYPT_N = 2**15  # CPU/memory cost: 32 MiB and about a tenth of a second per check
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_MAX_MEMORY = 2**28  # a stored hash needing more (128 * r * n bytes) is refused, not computed
SCRYPT_MAX_P = 16
SALT_BYTES = 16
KEY_BYTES = 32
_LEGACY_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
HASH_FORMAT_HELP = (
    "a hash made by `python -m lib.access hash` (scrypt$n$r$p$salt$hash), or the 64 hex digits of an older SHA-256"
)

SESSION_BACKOFF_CAP_SECONDS = 300.0
SHARED_BACKOFF_CAP_SECONDS = 60.0  # the count of every session, on every replica (lib/store/throttle.py)
FORGET_FAILURES_AFTER_SECONDS = 900.0


class Gate(StrEnum):
    """What a session has to pass before the app reads any site data."""

    OPEN = "open"
    SIGN_IN = "sign_in"
    PASSCODE = "passcode"
    SETUP = "setup"


class AccessSettings(Protocol):
    """The settings :func:`gate_for` reads; ``lib.config.AppConfig`` provides them (no import, so no cycle)."""

    @property
    def sign_in(self) -> bool: ...
    @property
    def allowed_emails(self) -> frozenset[str]: ...
    @property
    def allowed_domains(self) -> frozenset[str]: ...
    @property
    def passcode_sha256(self) -> object | None: ...
    @property
    def allow_anonymous(self) -> bool: ...
    @property
    def is_live(self) -> bool: ...


def gate_for(config: AccessSettings) -> Gate:
    """The gate this configuration calls for. Sign-in with an empty allow-list lets nobody in (setup needed)."""
    if config.sign_in:
        return Gate.SIGN_IN if config.allowed_emails or config.allowed_domains else Gate.SETUP
    if config.passcode_sha256 is not None:
        return Gate.PASSCODE
    if config.is_live and not config.allow_anonymous:
        return Gate.SETUP
    return Gate.OPEN


def normalise_addresses(values: Iterable[str]) -> frozenset[str]:
    """E-mail addresses or domains as the allow-list keeps them: trimmed, lower case, a domain without its "@"."""
    return frozenset(value.strip().lower().removeprefix("@") for value in values if value.strip())


def is_allowed(
    email: object, email_verified: object, allowed_emails: Collection[str], allowed_domains: Collection[str]
) -> bool:
    """True when the signed-in address is on the allow-list, by itself or by its exact domain (no subdomains).

    An address the identity provider marks as unverified (``email_verified`` false) is never allowed.
    """
    if not isinstance(email, str) or email_verified is False or str(email_verified).lower() == "false":
        return False
    address = email.strip().lower()
    local, at, domain = address.rpartition("@")
    if not (local and at and domain):
        return False
    return address in allowed_emails or domain in allowed_domains


@dataclass(frozen=True)
class ScryptHash:
    """A stored passcode hash: scrypt's parameters, the salt and the derived key."""

    n: int
    r: int
    p: int
    salt: bytes
    key: bytes

    def __str__(self) -> str:
        salt, key = (base64.b64encode(part).decode("ascii") for part in (self.salt, self.key))
        return f"{SCRYPT_PREFIX}${self.n}${self.r}${self.p}${salt}${key}"


def _memory(n: int, r: int) -> int:
    """The bytes scrypt needs for these parameters."""
    return 128 * r * n


def _derive(passcode: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    maxmem = _memory(n, r) + 2**20  # OpenSSL's default limit (32 MiB) is just below the default cost's need
    return hashlib.scrypt(passcode.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=length, maxmem=maxmem)


def hash_passcode(passcode: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """The string to store in ``[access] passcode_sha256``: scrypt of the passcode as typed, with a new random salt."""
    salt = secrets.token_bytes(SALT_BYTES)
    return str(ScryptHash(n, r, p, salt, _derive(passcode, salt, n, r, p, KEY_BYTES)))


def parse_scrypt_hash(stored: str) -> ScryptHash:
    """Read ``scrypt$n$r$p$salt$hash``; ValueError (never quoting the value) when it is not one, or asks for more
    memory or work than a check may take."""
    problem = ValueError(f"the passcode hash must be {HASH_FORMAT_HELP}")
    try:
        prefix, n, r, p, salt, key = stored.strip().split("$")
        parsed = ScryptHash(
            int(n), int(r), int(p), base64.b64decode(salt, validate=True), base64.b64decode(key, validate=True)
        )
    except (ValueError, binascii.Error):
        raise problem from None
    power_of_two = parsed.n > 1 and parsed.n & (parsed.n - 1) == 0
    bounded = parsed.r >= 1 and 1 <= parsed.p <= SCRYPT_MAX_P and _memory(parsed.n, parsed.r) <= SCRYPT_MAX_MEMORY
    if prefix != SCRYPT_PREFIX or not power_of_two or not bounded or not parsed.salt or len(parsed.key) < 16:
        raise problem
    return parsed


def is_legacy_hash(stored: str) -> bool:
    """True for the older unsalted hex SHA-256 (still accepted; replace it with a scrypt hash)."""
    return bool(_LEGACY_SHA256.fullmatch(stored.strip()))


def normalise_passcode_hash(stored: str) -> str:
    """A configured hash as it is kept (a legacy hex digest in lower case); ValueError when it is neither form."""
    if is_legacy_hash(stored):
        return stored.strip().lower()
    return str(parse_scrypt_hash(stored))


def passcode_matches(passcode: str, stored: str) -> bool:
    """Whether the typed passcode is the one ``stored`` was made from (either form), compared in constant time.

    A stored value of neither form matches nothing."""
    if is_legacy_hash(stored):
        typed = hashlib.sha256(passcode.encode("utf-8")).hexdigest()
        return hmac.compare_digest(typed, stored.strip().lower())
    try:
        expected = parse_scrypt_hash(stored)
    except ValueError:
        return False
    typed_key = _derive(passcode, expected.salt, expected.n, expected.r, expected.p, len(expected.key))
    return hmac.compare_digest(typed_key, expected.key)


def backoff_seconds(failures: int, cap: float) -> float:
    """The wait after ``failures`` wrong attempts in a row: 0, then 2, 4, 8, ... seconds, never more than ``cap``."""
    if failures <= 0:
        return 0.0
    return min(float(2 ** min(failures, 32)), cap)


class Throttle:
    """Counts wrong attempts (of one session, or of the whole process) and says how long to refuse new ones.

    The count is forgotten once ``forget_after`` seconds pass without a failure. Thread-safe. The clock is
    injectable; without one, ``time.monotonic`` of this module is read at each call.
    """

    def __init__(
        self,
        cap: float,
        forget_after: float = FORGET_FAILURES_AFTER_SECONDS,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self._cap = cap
        self._forget_after = forget_after
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._last_failure = -math.inf

    def _now(self) -> float:
        return self._clock() if self._clock else time.monotonic()

    def _current_failures(self, now: float) -> int:
        return self._failures if now - self._last_failure < self._forget_after else 0

    def retry_in(self) -> float:
        """Seconds until a new attempt is accepted (0 when it is accepted now)."""
        with self._lock:
            now = self._now()
            wait_until = self._last_failure + backoff_seconds(self._current_failures(now), self._cap)
            return max(0.0, wait_until - now)

    def record_failure(self) -> float:
        """Count one more wrong attempt; return how long new attempts are now refused."""
        with self._lock:
            now = self._now()
            self._failures = self._current_failures(now) + 1
            self._last_failure = now
            return backoff_seconds(self._failures, self._cap)


@dataclass(frozen=True)
class Attempt:
    """The outcome of one passcode attempt."""

    accepted: bool
    retry_in: float = 0.0
    checked: bool = True  # False: refused unread because an earlier failure's delay had not passed


class FailureCounter(Protocol):
    """A throttle: this module's in-memory `Throttle`, or `lib.store.throttle.StoredThrottle` shared by replicas."""

    def retry_in(self) -> float: ...

    def record_failure(self) -> float: ...


def try_passcode(passcode: str, stored_hash: str, throttles: Iterable[FailureCounter]) -> Attempt:
    """Check a passcode unless a throttle still refuses attempts; a wrong one counts against every throttle."""
    throttles = list(throttles)
    wait = max((throttle.retry_in() for throttle in throttles), default=0.0)
    if wait > 0:
        return Attempt(accepted=False, retry_in=wait, checked=False)
    if passcode_matches(passcode, stored_hash):
        if is_legacy_hash(stored_hash):
            log.warning("the passcode is stored as an unsalted SHA-256: replace it with `python -m lib.access hash`")
        return Attempt(accepted=True)
    return Attempt(accepted=False, retry_in=max((throttle.record_failure() for throttle in throttles), default=0.0))


# --- the command that makes a hash: python -m lib.access hash ---------------------------------------------------

USAGE = """usage: python -m lib.access hash

Reads the passcode (from the terminal, asked twice, or from standard input) and prints the string to store in
[access] passcode_sha256 or STUDIO_PASSCODE_SHA256. The passcode is never taken from the command line: it would be
kept in the shell history and shown to every user of the machine by the process list."""


def _read_passcode(stdin: TextIO) -> str:
    """The passcode from the terminal (typed twice, not echoed) or the first line of piped standard input."""
    if stdin.isatty():
        first = getpass.getpass("Passcode: ")
        if getpass.getpass("Again: ") != first:
            raise ValueError("the two passcodes differ")
        return first
    return stdin.readline().rstrip("\r\n")


def main(argv: Sequence[str] | None = None, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    """``hash``: print a new scrypt hash of the passcode read from the terminal or standard input."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args != ["hash"]:
        print(USAGE, file=sys.stderr)
        return 2
    try:
        passcode = _read_passcode(stdin)
    except ValueError as error:
        print(f"Nothing made: {error}.", file=sys.stderr)
        return 1
    if not passcode:
        print("Nothing made: the passcode is empty.", file=sys.stderr)
        return 1
    print(hash_passcode(passcode), file=stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
