"""Who is acting in this session, as the audit log and the sidebar name them."""

from __future__ import annotations

import streamlit as st

PASSCODE_USER_KEY = "passcode_user"


def current_user() -> str:
    """The signed-in e-mail (OpenID Connect), the passcode session's name, or "anonymous"."""
    try:
        if st.user.is_logged_in:
            return str(st.user.get("email") or st.user.get("sub") or "signed-in user")
    except Exception:  # no [auth] configured: st.user has no login state
        pass
    return str(st.session_state.get(PASSCODE_USER_KEY) or "anonymous")
