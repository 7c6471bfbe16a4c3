"""Running a mutation from a page: one at a time per site, errors shown as sentences, never as tracebacks."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

import streamlit as st

from lib.wix.errors import WixApiError

T = TypeVar("T")
log = logging.getLogger("studio.actions")


@dataclass(frozen=True)
class ActionResult(Generic[T]):
    """What an action returned, or the sentence that explains why it did not happen."""

    value: T | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the action ran and returned."""
        return self.error is None


@st.cache_resource(show_spinner=False)
def _site_locks() -> dict[str, threading.Lock]:
    """One lock per site, shared by every session of this process."""
    return {}


def _lock_for(site_id: str) -> threading.Lock:
    return _site_locks().setdefault(site_id, threading.Lock())


def run_action(site_id: str, label: str, action: Callable[[], T]) -> ActionResult[T]:
    """Run one mutation if no other mutation of the same site is under way; never retried here."""
    lock = _lock_for(site_id)
    if not lock.acquire(blocking=False):
        return ActionResult(
            error="Another action on this site is still running. Wait for it to finish, then try again."
        )
    try:
        return ActionResult(value=action())
    except WixApiError as error:
        log.warning("%s failed: status=%s code=%s", label, error.status, error.code)
        return ActionResult(error=error.user_message)
    finally:
        lock.release()


def show_error(message: str) -> None:
    """The one way pages show a failed read or action."""
    st.error(message, icon=":material/error:")


def read_or_explain(label: str, read: Callable[[], T]) -> T | None:
    """Run a read; on failure show why and return None so the page can draw what it still can."""
    try:
        return read()
    except WixApiError as error:
        log.warning("%s failed: status=%s code=%s", label, error.status, error.code)
        show_error(f"Could not load {label}. {error.user_message}")
        return None
