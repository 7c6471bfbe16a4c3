"""Confirm dialogs that survive reruns: a button asks, the page opens the dialog while the request is pending.

A dialog opened only in the run of the click would vanish on the next full rerun; keeping the request in session
state makes the dialog reappear until it is confirmed or dismissed (dismissing drops the request). Requests name Wix
objects of one site, so they are kept under the site (`lib.ui.site_state`; ``name`` is one of its registry names):
a pending request never follows the viewer to another site.
"""

from __future__ import annotations

from collections.abc import Callable

from lib.ui import site_state


def ask(name: str, payload: object = True) -> None:
    """Button callback: remember that the user asked for this confirmation."""
    site_state.put(name, payload)


def pending(name: str) -> object | None:
    """What is waiting for confirmation under this name, if anything."""
    return site_state.get(name)


def drop(name: str) -> None:
    """The request is done (confirmed or dismissed)."""
    site_state.pop(name)


def dropper(name: str) -> Callable[[], None]:
    """An `on_dismiss` callback for `st.dialog` that drops the request."""
    return lambda: drop(name)
