"""The app's database for this process: opened (and migrated) once per location, shared by every session."""

from __future__ import annotations

import streamlit as st

from lib.store.database import Store, open_store
from lib.ui.connection import current_connection


@st.cache_resource(show_spinner=False)
def store_at(location: str) -> Store:
    """The store at ``location`` (a file path or a postgresql:// URL); a failure to open it is not cached, so the next
    run tries again. Raises `lib.store.database.StoreError`."""
    return open_store(location)


def current_store() -> Store:
    """The app's database (`STUDIO_DATABASE_URL`, else the SQLite file `STUDIO_AUDIT_DB`), from the configuration
    this run was built with."""
    return store_at(current_connection().config.store_location)
