"""The app's database for this process: opened (and migrated) once per location, shared by every session."""

from __future__ import annotations

import streamlit as st

from lib.config import AppConfig
from lib.store.database import Store, open_store
from lib.ui.connection import current_connection


@st.cache_resource(show_spinner=False)
def store_at(location: str, earlier_file: str | None = None) -> Store:
    """The store at ``location`` (a file path or a postgresql:// URL; a server takes the entries of ``earlier_file``,
    the SQLite file, if it has none yet); a failure to open it is not cached, so the next run tries again. Raises
    `lib.store.database.StoreError`."""
    return open_store(location, earlier_file)


def store_for(config: AppConfig) -> Store:
    """The app's database as ``config`` names it: `STUDIO_DATABASE_URL`, else the SQLite file `STUDIO_AUDIT_DB`."""
    return store_at(config.store_location, config.audit_db if config.database_url else None)


def current_store() -> Store:
    """The app's database, from the configuration this run was built with."""
    return store_for(current_connection().config)
