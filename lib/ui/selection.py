"""Table selections that belong to items, not to row positions.

`st.dataframe(on_select=...)` reports picked *positions*, and keeps them under its widget key while the data under
them changes: after a regeneration the same positions held brand-new posts, and "Schedule 3 selected" would have
scheduled posts nobody picked. Here a selection is translated to item IDs at once, and the widget's key carries a
digest of the site, the site's data version and the IDs on screen: when any of them changes (a write, a finished
generation, a refresh, other rows in view) Streamlit sees a new widget and the old positions are gone. Positions
that reach past the table are dropped, never looked up.

The data version is bumped by `data_changed`, which `lib.ui.readers.forget_plan`/`forget_events` call after every
write and every finished generation.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd
import streamlit as st

from lib.ui import site_state
from lib.ui.tables import SELECTABLE


def data_version() -> int:
    """How many times this session saw the bound site's data change."""
    return int(site_state.get(site_state.DATA_VERSION, 0))


def data_changed() -> None:
    """The site's data changed (a write, a finished generation, a refresh): every selection starts empty."""
    site_state.put(site_state.DATA_VERSION, data_version() + 1)


def _widget_key(table_key: str, ids: list[str]) -> str:
    digest = hashlib.blake2b(digest_size=8)
    digest.update(f"{site_state.bound_site()}\n{data_version()}\n".encode())
    digest.update("\n".join(ids).encode())
    return f"{table_key}_{digest.hexdigest()}"


def picked_ids(frame: pd.DataFrame, table_key: str, *, selection_mode: str, **dataframe_args: Any) -> list[str]:
    """Draw ``frame`` as a selectable table (its container keyed ``table_key``) and return the IDs (column ``id``)
    of the picked rows, in the order picked."""
    ids = frame["id"].tolist()
    with st.container(key=table_key):
        event = st.dataframe(
            frame,
            key=_widget_key(table_key, ids),
            selection_mode=selection_mode,
            **SELECTABLE,
            **dataframe_args,
        )
    return [ids[row] for row in event.selection.rows if 0 <= row < len(ids)]
