"""Who is acting in this session, as the audit log and the sidebar name them."""

from __future__ import annotations

import streamlit as st

from lib.roles import Role, RoleSettings, role_of

PASSCODE_USER_KEY = "passcode_user"


def signed_in_email() -> str | None:
    """The e-mail of the OpenID Connect sign-in (``st.login``) of this session, if any."""
    if st.user.get("is_logged_in") is not True:  # the key is absent when no [auth] is configured
        return None
    email = st.user.get("email")
    return email.strip() if isinstance(email, str) and email.strip() else None


def current_user() -> str:
    """The signed-in e-mail (OpenID Connect), the passcode session's name, or "anonymous"."""
    if st.user.get("is_logged_in") is True:
        return signed_in_email() or str(st.user.get("sub") or "signed-in user")
    return str(st.session_state.get(PASSCODE_USER_KEY) or "anonymous")


def by_passcode() -> bool:
    """True when this session got in with the shared passcode (its name is only what was typed)."""
    return signed_in_email() is None and st.session_state.get(PASSCODE_USER_KEY) is not None


def current_role(settings: RoleSettings) -> Role:
    """This session's role (`lib.roles`): by its signed-in address, or the passcode's role (st.user is read once:
    it costs about 60 µs a read)."""
    if not settings.configured:
        return Role.ADMIN
    email = signed_in_email()
    return role_of(settings, email, by_passcode=email is None and st.session_state.get(PASSCODE_USER_KEY) is not None)
