"""Every view runs inside app.py (page config, access gate, connection), never on its own.

The product's layout keeps the views in `pages/`. Streamlit 1.67 treats a `pages/` folder as its legacy multipage
mode until the first `st.navigation` call of the process: until then, a request for `/settings` would run
`pages/settings.py` directly, skipping app.py and its access gate. `require_app_shell` closes that: a view run
outside app.py switches the legacy mode off (as `st.navigation` itself does) and reruns through app.py.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def require_app_shell() -> None:
    """First line of every view: rerun through app.py when Streamlit ran the view directly."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
