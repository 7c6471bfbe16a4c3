"""Who may use the app and how they prove it: pure rules (no Streamlit), unit-tested.

Which gate applies (see :func:`gate_for`):
- OpenID Connect sign-in (Streamlit's ``[auth]``) when configured, then an allow-list of e-mail addresses or domains;
- else a shared passcode when ``[access] passcode_sha256`` is set, with a growing delay after wrong attempts;
- else live mode shows setup instructions and no site data, unless anonymous use is allowed explicitly;
- the sandbox is open when nothing is configured.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import threading
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lib.config import AppConfig

SESSION_BACKOFF_CAP_SECONDS = 300.0
PROCESS_BACKOFF_CAP_SECONDS = 60.0
FORGET_FAILURES_AFTER_SECONDS = 900.0


class Gate(StrEnum):
    """What a session has to pass before the app reads any site data."""

    OPEN = "open"
    SIGN_IN = "sign_in"
    PASSCODE = "passcode"
    SETUP = "setup"


def gate_for(config: AppConfig) -> Gate:
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


def hash_passcode(passcode: str) -> str:
    """The hex SHA-256 of the passcode as typed (what ``[access] passcode_sha256`` holds)."""
    return hashlib.sha256(passcode.encode("utf-8")).hexdigest()


def passcode_matches(passcode: str, expected_sha256: str) -> bool:
    """Compare the typed passcode's hash with the configured one in constant time."""
    return hmac.compare_digest(hash_passcode(passcode), expected_sha256.strip().lower())


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


def try_passcode(passcode: str, expected_sha256: str, throttles: Iterable[Throttle]) -> Attempt:
    """Check a passcode unless a throttle still refuses attempts; a wrong one counts against every throttle."""
    throttles = list(throttles)
    wait = max((throttle.retry_in() for throttle in throttles), default=0.0)
    if wait > 0:
        return Attempt(accepted=False, retry_in=wait, checked=False)
    if passcode_matches(passcode, expected_sha256):
        return Attempt(accepted=True)
    return Attempt(accepted=False, retry_in=max((throttle.record_failure() for throttle in throttles), default=0.0))
