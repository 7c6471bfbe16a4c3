"""The one notice mechanism: what the last action on a site said, shown where it belongs until something replaces it.

A notice is the result of one action (success, information, warning or failure). Each site has one: an action that
starts clears it (`lib.ui.actions.run_action` does that), the action's result replaces it, and a change of the data it
describes (a finished generation, new posts) replaces it too. So a success and a failure about the same thing never
stand side by side, and "Scheduling done" cannot outlive the posts it counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pandas as pd
import streamlit as st

from lib.ui import site_state

Kind = Literal["success", "info", "warning", "error"]
ICONS: dict[str, str] = {
    "success": ":material/task_alt:",
    "info": ":material/info:",
    "warning": ":material/warning:",
    "error": ":material/error:",
}


@dataclass(frozen=True)
class Notice:
    """One action's result. ``view`` is the view it shows on (None: every view); ``about`` names what it describes
    ("plan", "settings", "events", "activity:<id>"); ``anchor`` the place on the view it is drawn at (None: the top;
    a form's key: under that form, where the user just clicked); ``details`` an optional table of per-item results."""

    kind: Kind
    text: str
    about: str
    view: str | None = None
    details: pd.DataFrame | None = field(default=None, compare=False)
    extra: tuple[tuple[Kind, str], ...] = ()  # further lines of the same result (e.g. a partial failure)
    anchor: str | None = None


def post(
    kind: Kind,
    text: str,
    *,
    about: str,
    view: str | None = None,
    details: pd.DataFrame | None = None,
    extra: tuple[tuple[Kind, str], ...] = (),
    anchor: str | None = None,
) -> None:
    """Make this the site's notice, replacing whatever the previous action said."""
    site_state.put(site_state.NOTICE, Notice(kind, text, about, view, details, extra, anchor))


def current() -> Notice | None:
    """The site's notice, if any."""
    return site_state.get(site_state.NOTICE)


def clear(about: str | None = None) -> None:
    """Drop the site's notice (only when it describes ``about``, if given)."""
    notice = current()
    if notice is not None and (about is None or notice.about == about):
        site_state.pop(site_state.NOTICE)


def _draw(kind: Kind, text: str) -> None:
    getattr(st, kind)(text, icon=ICONS[kind])


def render(view: str, anchor: str | None = None) -> None:
    """Draw the site's notice when it belongs on ``view`` at ``anchor``, with its details and a way to dismiss it."""
    notice = current()
    if notice is None or notice.view not in (None, view) or notice.anchor != anchor:
        return
    _draw(notice.kind, notice.text)
    for kind, text in notice.extra:
        _draw(kind, text)
    if notice.details is not None and not notice.details.empty:
        with st.expander("Result per item"):
            st.dataframe(notice.details, hide_index=True)
    st.button("Dismiss", key=f"{site_state.key(site_state.NOTICE)}_dismiss", type="tertiary", on_click=clear)
