"""Every view is gated like app.py, even when Streamlit runs the view's file directly.

The product's layout keeps the views in `pages/`. Streamlit 1.67 treats a `pages/` folder as its legacy multipage
mode until the first `st.navigation` call of the process: until then, a request for `/settings` runs
`pages/settings.py` directly, skipping app.py and its access gate (AppTest runs every rerun that way too).
`require_app_shell` closes that: in such a run it applies app.py's gate itself, and switches the legacy mode off
(as `st.navigation` does) so later runs go through app.py.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from lib.ui.access_gate import require_access
from lib.ui.connection import connection_for, current_config


def require_app_shell() -> None:
    """First line of every view: when app.py was skipped, apply its access gate here (a refused run stops) and make
    the run's connection from the same configuration, as app.py does, so the view reads the configuration once."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        config = current_config()
        require_access(config)
        connection_for(config)


def leave_legacy_mode() -> None:
    """First line of app.py: a run made in the legacy mode (the server's very first) is rerun at once in the normal one.

    Widgets get other element IDs in a legacy run than in a normal one, so without this the first change a viewer
    makes in the server's first session (say, picking another site) would be dropped.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
