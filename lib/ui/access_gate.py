"""The access gate, called by app.py before any site data is read: a refused session sees the gate and nothing else.

The rules live in ``lib/access.py``; this module draws the sign-in, passcode, refusal and setup screens and the
sidebar's account box. A refused run still declares a navigation (one hidden page, the gate): a run that never calls
``st.navigation`` would leave Streamlit in its legacy ``pages/`` folder mode, in which a request for a view runs
``pages/<view>.py`` without app.py, so without this gate.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import NoReturn

import streamlit as st

from lib.access import (
    SESSION_BACKOFF_CAP_SECONDS,
    SHARED_BACKOFF_CAP_SECONDS,
    Gate,
    Throttle,
    gate_for,
    is_allowed,
    try_passcode,
)
from lib.config import AppConfig
from lib.roles import Role
from lib.store.database import StoreError
from lib.store.throttle import StoredThrottle
from lib.ui.identity import PASSCODE_USER_KEY, current_role, current_user, signed_in_email
from lib.ui.store import store_for

SESSION_THROTTLE_KEY = "passcode_throttle"
PASSCODE_INPUT_KEY = "passcode_input"
NAME_INPUT_KEY = "passcode_name"
PASSCODE_MESSAGE_KEY = "passcode_message"
PASSCODE_NAME = "passcode user"
TITLE = "## Marketing Plan Studio"
log = logging.getLogger("studio.access")

SETUP_TEXT = """
This app is connected to a live Wix site, and nobody may see it until access is set up. An administrator adds one
of these to the app's secrets (`.streamlit/secrets.toml`, or the hosting service's secrets), then restarts it:

**Sign-in with your identity provider (OpenID Connect)**, limited to your team:

```toml
[auth]
redirect_uri = "https://studio.example.com/oauth2callback"
cookie_secret = "a long random string"
client_id = "..."
client_secret = "..."
server_metadata_url = "https://accounts.google.com/.well-known/openid-configuration"

[access]
allowed_emails = ["ana@example.com"]
allowed_domains = ["example.com"]
```

**A shared passcode** (store only its hash, made by `python -m lib.access hash`, which asks for the passcode):

```toml
[access]
passcode_sha256 = "scrypt$32768$8$1$..."
```

**No access control** (anyone with the link sees and changes the site):

```toml
[access]
allow_anonymous = true
```

Every setting is described in `docs/access.md`.
"""


@dataclass(frozen=True)
class Access:
    """A session let in: through which gate, who it is, and its role when the team set roles (`lib.roles`)."""

    gate: Gate
    user: str
    role: Role | None = None


def _code(text: str) -> str:
    """User-supplied text shown literally (a code span: no links, images or emoji shortcodes)."""
    return "`" + text.replace("`", "'") + "`"


def _shared_throttle(config: AppConfig) -> StoredThrottle:
    """Wrong passcodes counted across every session of every replica (in the app's database)."""
    return StoredThrottle(store_for(config), "passcode", SHARED_BACKOFF_CAP_SECONDS)


def _session_throttle() -> Throttle:
    return st.session_state.setdefault(SESSION_THROTTLE_KEY, Throttle(SESSION_BACKOFF_CAP_SECONDS))


def _show_only(screen: Callable[[], None]) -> NoReturn:
    """Draw the gate screen as the app's only page and end the run."""
    st.navigation(
        [st.Page(screen, title="Sign in", icon=":material/lock:", url_path="sign-in")], position="hidden"
    ).run()
    st.stop()


def _setup_screen(config: AppConfig) -> None:
    st.markdown(TITLE)
    if config.sign_in:
        st.warning(
            "Sign-in is set up, but the allow-list is empty, so nobody can get in. "
            "Add `allowed_emails` or `allowed_domains` to the `[access]` secrets.",
            icon=":material/lock:",
        )
    else:
        st.warning("Access to this app is not set up yet.", icon=":material/lock:")
    st.markdown(SETUP_TEXT)


def _sign_in_screen() -> None:
    st.markdown(TITLE)
    st.write("Sign in with your work account to continue.")
    if st.button("Sign in", type="primary", icon=":material/login:"):
        st.login()


def _refusal_screen(email: str | None) -> None:
    st.markdown(TITLE)
    who = _code(email) if email else "This account (it did not share a verified e-mail address)"
    st.info(
        f"Sorry — {who} does not have access to Marketing Plan Studio. If you need it, ask your team's "
        "administrator to add your address. You can also sign out and use another account.",
        icon=":material/block:",
    )
    st.button("Sign out", icon=":material/logout:", on_click=st.logout)


def _seconds(count: int) -> str:
    return f"{count} second" if count == 1 else f"{count} seconds"


def _check_passcode(stored_hash: str, config: AppConfig) -> None:
    """Form callback: check the typed passcode, then empty the field so the passcode is not kept anywhere."""
    passcode = st.session_state.get(PASSCODE_INPUT_KEY) or ""
    st.session_state[PASSCODE_INPUT_KEY] = ""
    if not passcode:
        st.session_state[PASSCODE_MESSAGE_KEY] = "Enter the passcode."
        return
    try:
        attempt = try_passcode(passcode, stored_hash, [_session_throttle(), _shared_throttle(config)])
    except StoreError as error:  # wrong passcodes could not be counted: nobody gets in unchecked
        log.error("passcode not checked: %s", error)
        st.session_state[PASSCODE_MESSAGE_KEY] = (
            "The passcode could not be checked: the app's database cannot be reached. Tell whoever runs this app."
        )
        return
    seconds = math.ceil(attempt.retry_in)
    if attempt.accepted:
        st.session_state[PASSCODE_USER_KEY] = (st.session_state.get(NAME_INPUT_KEY) or "").strip() or PASSCODE_NAME
    elif attempt.checked:
        log.warning("wrong passcode; attempts refused for %s s", seconds)
        st.session_state[PASSCODE_MESSAGE_KEY] = (
            f"That passcode is not right. You can try again in {_seconds(seconds)}."
        )
    else:
        st.session_state[PASSCODE_MESSAGE_KEY] = (
            f"Too many wrong passcodes. Try again in {_seconds(seconds)}; this attempt was not checked."
        )


def _passcode_screen(stored_hash: str, config: AppConfig) -> None:
    st.markdown(TITLE)
    st.write("Enter your team's passcode to continue.")
    with st.form("passcode_form"):
        st.text_input("Your name (shown in the activity log)", max_chars=60, key=NAME_INPUT_KEY)
        st.text_input("Passcode", type="password", key=PASSCODE_INPUT_KEY)
        st.form_submit_button("Enter", type="primary", on_click=_check_passcode, args=(stored_hash, config))
    message = st.session_state.pop(PASSCODE_MESSAGE_KEY, None)
    if message:
        st.error(message, icon=":material/error:")


def require_access(config: AppConfig) -> Access:
    """Let this session in, or draw the gate (sign-in, refusal, passcode or setup) and stop the run."""
    access = _let_in(config)
    return replace(access, role=current_role(config.roles)) if config.roles.configured else access


def _let_in(config: AppConfig) -> Access:
    gate = gate_for(config)
    if gate is Gate.OPEN:
        return Access(gate, current_user())
    if gate is Gate.SIGN_IN:
        if st.user.get("is_logged_in") is not True:
            _show_only(_sign_in_screen)
        email = signed_in_email()
        if is_allowed(email, st.user.get("email_verified"), config.allowed_emails, config.allowed_domains):
            return Access(gate, str(email))
        log.info("refused a signed-in user outside the allow-list")
        _show_only(lambda: _refusal_screen(email))
    if gate is Gate.PASSCODE:
        name = st.session_state.get(PASSCODE_USER_KEY)
        if name:
            return Access(gate, str(name))
        passcode = config.passcode_sha256
        assert passcode is not None  # gate_for asks for a passcode only when one is set
        _show_only(lambda: _passcode_screen(passcode.reveal(), config))
    _show_only(lambda: _setup_screen(config))


def _forget_passcode() -> None:
    st.session_state.pop(PASSCODE_USER_KEY, None)


def render_account(access: Access) -> None:
    """Sidebar: who is signed in and a sign-out button (nothing when the app needs no sign-in)."""
    if access.gate is Gate.SIGN_IN:
        st.sidebar.markdown(f"Signed in as {_code(access.user)}")
        st.sidebar.button("Sign out", icon=":material/logout:", on_click=st.logout)
    elif access.gate is Gate.PASSCODE:
        st.sidebar.markdown(f"Signed in with the passcode as {_code(access.user)}")
        st.sidebar.button("Sign out", icon=":material/logout:", on_click=_forget_passcode)
    if access.role is not None:
        st.sidebar.caption(f"Role: **{access.role.label}**")
