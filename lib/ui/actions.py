"""Running a mutation from a page: one at a time per site (in this process, then across every process on the app's
database), recorded in the audit log (intent before, outcome after), errors shown as sentences, never as
tracebacks."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

import streamlit as st

from lib.audit import AuditLog, AuditOutcome
from lib.store.database import StoreError
from lib.store.locks import Held, SiteLocks
from lib.ui import notices
from lib.ui.identity import current_user
from lib.ui.permissions import refused
from lib.ui.store import current_store
from lib.wix.errors import WixApiError, WixTimeoutError

T = TypeVar("T")
log = logging.getLogger("studio.actions")


@dataclass(frozen=True)
class ActionResult(Generic[T]):
    """What an action returned, or the sentence that explains why it did not happen."""

    value: T | None = None
    error: str | None = None
    failure: WixApiError | None = None  # the API's refusal behind ``error``, when there was one
    repeated: bool = False  # the same intent had just been done: nothing was sent, ``value`` is the earlier result

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


def current_audit_log() -> AuditLog:
    """The audit log in the app's database."""
    return AuditLog(current_store())


def _record_outcome(audit: AuditLog, entry_id: int, outcome: AuditOutcome) -> None:
    """Write the outcome; if that fails the entry stays pending (outcome unknown), which is still the truth."""
    try:
        audit.record_outcome(entry_id, outcome.ok, outcome.code, outcome.message)
    except StoreError as error:
        log.error("could not record the outcome of audit entry %s: %s", entry_id, error)
    except KeyError:
        log.exception("could not record the outcome of audit entry %s", entry_id)


BUSY_WAIT_SECONDS = 15.0
REPEAT_WINDOW_SECONDS = 5.0  # the same intent again this soon after its success is the impatient second click

# Successful writes of the last seconds, by (browser session, site, intent). Kept in process memory, not in session
# state: with Streamlit's fast reruns a second click starts a new script thread while the first is still in its API
# call (streamlit/runtime/app_session.py, `AppSession.request_rerun`), and in the first thread every session-state
# read or write after that is an interrupt point that raises StopException
# (streamlit/runtime/state/safe_session_state.py calls the runner's yield callback on each access). A record kept in
# session state by the first run would be lost just after its write, and the second run, which waited for the site
# lock, would report "not sent" for a write that happened. Nothing here touches session state.
SESSION_TOKEN_KEY = "__studio_session_token__"
_RECENT_LOCK = threading.Lock()
IntentKey = tuple[str, Hashable]  # (label, intent): what `run_action` remembers a write by
_RECENT_WRITES: dict[tuple[str, str, IntentKey], tuple[float, ActionResult]] = {}


def _session_token() -> str:
    """This browser session's own token (read before any write: reading session state may end a cut-off run, which is
    harmless before the write). Not Streamlit's session ID: AppTest gives every test session the same one."""
    return st.session_state.setdefault(SESSION_TOKEN_KEY, uuid.uuid4().hex)


def _already_done(session: str, site_id: str, intent: IntentKey) -> ActionResult | None:
    """The earlier result of ``intent`` when it succeeded moments ago in this browser session, marked as a repeat."""
    now = time.monotonic()
    with _RECENT_LOCK:
        for key in [key for key, (at, _) in _RECENT_WRITES.items() if now - at >= REPEAT_WINDOW_SECONDS]:
            del _RECENT_WRITES[key]
        done = _RECENT_WRITES.get((session, site_id, intent))
    return replace(done[1], repeated=True) if done else None


def just_done(site_id: str, label: str) -> bool:
    """True when an action of this label succeeded moments ago in this browser session (its own run may have been
    cut off before it could say so)."""
    now = time.monotonic()
    session = _session_token()
    with _RECENT_LOCK:
        return any(
            key[0] == session and key[1] == site_id and key[2][0] == label and now - at < REPEAT_WINDOW_SECONDS
            for key, (at, _) in _RECENT_WRITES.items()
        )


def _remember(session: str, site_id: str, intent: IntentKey, result: ActionResult) -> None:
    with _RECENT_LOCK:
        _RECENT_WRITES[(session, site_id, intent)] = (time.monotonic(), result)


def _unknown_outcome_message(label: str) -> str:
    """A write that timed out may still have happened: say so, so nobody repeats it blindly."""
    return (
        f"Wix did not answer in time, so it is not known whether “{label}” was done. "
        "Reload the page to see the current state before trying again."
    )


def run_action(
    site_id: str,
    label: str,
    action: Callable[[], T],
    targets: Sequence[str] = (),
    outcome_of: Callable[[T], AuditOutcome] | None = None,
    intent: Hashable = None,
) -> ActionResult[T]:
    """Run one mutation if no other mutation of the same site is under way; never retried here.

    ``label`` is the action as the audit log names it (e.g. "delete plan"), ``targets`` the IDs it acts on. The intent
    is recorded before ``action()`` and the outcome after; ``outcome_of`` turns a returned value into the recorded
    outcome for actions that report a failure in their value (default: ok). If the intent cannot be recorded, the
    action is not run.

    One write per intent: ``intent`` (default: the label and targets; forms pass what they submit) identifies what the
    user asked for. The same intent again within `REPEAT_WINDOW_SECONDS` of its success (the impatient second click,
    which reaches the script as a second submit) sends nothing and returns the first result with ``repeated`` set.
    Starting an action clears the site's notice: its result is the next one.
    """
    intent_key: IntentKey = (label, intent if intent is not None else tuple(targets))
    session = _session_token()
    if (earlier := _already_done(session, site_id, intent_key)) is not None:
        return earlier
    if (why := refused(label)) is not None:  # checked here, not only by disabling the button
        log.warning("%s refused: %s", label, why)
        return ActionResult(error=why)
    notices.clear()
    lock = _lock_for(site_id)
    if not lock.acquire(blocking=False):
        # A double click or another session: let the running action finish (so the page then reads its result),
        # and send nothing more.
        if lock.acquire(timeout=BUSY_WAIT_SECONDS):
            lock.release()
        return _already_done(session, site_id, intent_key) or _BUSY
    try:
        try:
            audit = current_audit_log()
            locks = SiteLocks(audit.store)
            held = locks.try_acquire(site_id)  # another replica's action on the site
        except StoreError as error:
            log.error("%s not run: %s", label, error)
            return _NO_AUDIT
        if held is None:
            _wait_until_free(locks, site_id)
            return _BUSY
        try:
            return _audited(audit, site_id, label, targets, action, outcome_of, (session, intent_key))
        finally:
            _release(locks, held)
    finally:
        lock.release()


_BUSY = ActionResult[Any](
    error="Another action on this site was running, so this one was not sent. "
    "The page now shows the state after it; check it before trying again."
)
_NO_AUDIT = ActionResult[Any](
    error="Nothing was changed: the activity log could not be written. Tell whoever runs this app."
)


def _audited(
    audit: AuditLog,
    site_id: str,
    label: str,
    targets: Sequence[str],
    action: Callable[[], T],
    outcome_of: Callable[[T], AuditOutcome] | None,
    asked: tuple[str, IntentKey],
) -> ActionResult[T]:
    """The intent, the call, the outcome (the site's locks are held)."""
    try:
        entry_id = audit.record_intent(current_user(), site_id, label, targets)
    except StoreError as error:
        log.error("%s not run: %s", label, error)
        return _NO_AUDIT
    try:
        value = action()
    except WixApiError as error:
        log.warning("%s failed: status=%s code=%s", label, error.status, error.code)
        message = _unknown_outcome_message(label) if isinstance(error, WixTimeoutError) else error.user_message
        _record_outcome(audit, entry_id, AuditOutcome(False, error.code or type(error).__name__, message))
        return ActionResult(error=message, failure=error)
    except Exception as error:
        _record_outcome(
            audit,
            entry_id,
            AuditOutcome(False, type(error).__name__, "Unexpected error: the result on Wix is unknown."),
        )
        raise
    result = ActionResult(value=value)
    _remember(asked[0], site_id, asked[1], result)  # first: no session state between the write and this record
    _record_outcome(audit, entry_id, outcome_of(value) if outcome_of else AuditOutcome(True))
    return result


def _wait_until_free(locks: SiteLocks, site_id: str) -> None:
    """Let another replica's action finish, so the page then reads its result."""
    try:
        locks.wait_until_free(site_id, BUSY_WAIT_SECONDS)
    except StoreError as error:
        log.error("could not wait for the site's lock: %s", error)


def _release(locks: SiteLocks, held: Held) -> None:
    try:
        locks.release(held)
    except StoreError as error:  # PostgreSQL: the lock went with its connection; SQLite: the lease expires
        log.error("could not release the site's lock: %s", error)


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
