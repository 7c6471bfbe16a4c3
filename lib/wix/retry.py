"""Retry policy for reads: bounded exponential backoff that honours ``Retry-After`` (tenacity)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt

from lib.wix.errors import RateLimitedError, ServerError, WixApiError, WixConnectionError, WixTimeoutError

logger = logging.getLogger("lib.wix")

#: Errors worth another attempt on a read: the next try may well succeed.
RETRYABLE_ERRORS: tuple[type[WixApiError], ...] = (RateLimitedError, ServerError, WixTimeoutError, WixConnectionError)


@dataclass(frozen=True)
class RetryPolicy:
    """``max_attempts`` tries in all; waits ``base_wait * 2**(n-1)`` or the server's ``Retry-After``, capped."""

    max_attempts: int = 4
    base_wait: float = 0.5
    max_wait: float = 10.0
    sleep: Callable[[float], None] = time.sleep

    def wait_seconds(self, state: RetryCallState) -> float:
        """Seconds to wait before the next attempt."""
        error = state.outcome.exception() if state.outcome else None
        hinted = getattr(error, "retry_after", None)
        if hinted is not None:
            return min(float(hinted), self.max_wait)
        return min(self.base_wait * 2 ** (state.attempt_number - 1), self.max_wait)

    def retrying(self) -> Retrying:
        """A tenacity ``Retrying`` for one read call."""
        return Retrying(
            stop=stop_after_attempt(max(1, self.max_attempts)),
            wait=self.wait_seconds,
            retry=retry_if_exception_type(RETRYABLE_ERRORS),
            sleep=self.sleep,
            before_sleep=_log_retry,
            reraise=True,
        )


def _log_retry(state: RetryCallState) -> None:
    error = state.outcome.exception() if state.outcome else None
    wait = state.next_action.sleep if state.next_action else 0.0
    logger.warning(
        "retrying %s after attempt %d in %.2f s",
        type(error).__name__ if error else "call",
        state.attempt_number,
        wait,
    )
