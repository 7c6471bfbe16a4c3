"""Confirm dialogs that survive reruns: a button asks, the page opens the dialog while the request is pending.

A dialog opened only in the run of the click would vanish on the next full rerun; keeping the request in session
state makes the dialog reappear until it is confirmed or dismissed (dismissing drops the request).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st


def ask(key: str, payload: object = True) -> None:
    """Button callback: remember that the user asked for this confirmation."""
    st.session_state[key] = payload


def pending(key: str) -> object | None:
    """What is waiting for confirmation under this key, if anything."""
    return st.session_state.get(key)


def drop(key: str) -> None:
    """The request is done (confirmed or dismissed)."""
    st.session_state.pop(key, None)


def dropper(key: str) -> Callable[[], None]:
    """An `on_dismiss` callback for `st.dialog` that drops the request."""
    return lambda: drop(key)
