"""Table selections that belong to items, not to row positions.

`st.dataframe(on_select=...)` reports picked *positions*, and keeps them under its widget key while the data under
them changes: after a regeneration the same positions held brand-new posts, and "Schedule 3 selected" would have
scheduled posts nobody picked. Here a selection is translated to item IDs at once, and the widget's key carries a
digest of the IDs on screen and the site's data version: when either changes (a write, a finished generation, a
refresh, other rows in view, another site) Streamlit sees a new widget and the old positions are gone. Positions
that reach past the table are dropped, never looked up.

The data version is bumped by `data_changed`, which `lib.ui.readers.forget_plan`/`forget_events` call after every
write and every finished generation.
"""

from __future__ import annotations

import hashlib
import weakref
from typing import Literal, Unpack

import pandas as pd
import streamlit as st

from lib.ui import site_state
from lib.ui.tables import SELECTABLE, TableColumns


def data_version() -> int:
    """How many times this session saw the bound site's data change."""
    return int(site_state.get(site_state.DATA_VERSION, 0))


def data_changed() -> None:
    """The site's data changed (a write, a finished generation, a refresh): every selection starts empty."""
    site_state.put(site_state.DATA_VERSION, data_version() + 1)


_IDS_CACHE_SIZE = 32
_ids_by_frame: dict[int, tuple[weakref.ref[pd.DataFrame], list[str], str]] = {}


def _ids_and_digest(frame: pd.DataFrame) -> tuple[list[str], str]:
    """The frame's IDs and a digest of them, worked out once per frame object: the views' frames are cached per data
    read (lib/ui/plan_data.py), so a rerun finds them here instead of hashing 3,000 IDs again. Keyed by ``id()`` and
    checked by a weak reference, since a frame is neither hashable nor long-lived."""
    known = _ids_by_frame.get(id(frame))
    if known is not None and known[0]() is frame:
        return known[1], known[2]
    ids = frame["id"].tolist()
    digest = hashlib.blake2b("\n".join(ids).encode(), digest_size=8).hexdigest()
    if len(_ids_by_frame) >= _IDS_CACHE_SIZE:
        _ids_by_frame.pop(next(iter(_ids_by_frame)))
    _ids_by_frame[id(frame)] = (weakref.ref(frame), ids, digest)
    return ids, digest


def picked_ids(
    frame: pd.DataFrame,
    table_key: str,
    *,
    selection_mode: Literal["single-row", "multi-row"],
    **dataframe_args: Unpack[TableColumns],
) -> list[str]:
    """Draw ``frame`` as a selectable table (its key starts with ``table_key``) and return the IDs (column ``id``)
    of the picked rows, in the order picked."""
    ids, digest = _ids_and_digest(frame)
    event = st.dataframe(
        frame,
        # A site's IDs are its own, so the IDs' digest and the data version name the data under the rows. Streamlit
        # tags the table's element with the class "st-key-<key>", so it is found by the prefix "st-key-<table_key>_".
        key=f"{table_key}_{digest}_{data_version()}",
        selection_mode=selection_mode,
        **SELECTABLE,
        **dataframe_args,
    )
    return [ids[row] for row in event.selection.rows if 0 <= row < len(ids)]
