"""Bare Plan view: the same two DataFrames and the same figure as the Plan view, with none of the app's logic.

The frames and the figure are built once outside the timing (`benchmarks.bare_data`), as the app's caches would hold
them; each run only renders them, with the same display arguments as the Plan view.
"""

from __future__ import annotations

import streamlit as st

from benchmarks.bare_load import TZ, bare_data
from lib.ui.tables import SELECTABLE, activity_columns, post_columns

data = bare_data()
st.dataframe(
    data["activities"], key="activities_table", selection_mode="multi-row", **SELECTABLE, **activity_columns(TZ)
)
st.dataframe(data["posts"], key="posts_table", selection_mode="multi-row", **SELECTABLE, **post_columns(TZ))
st.plotly_chart(data["calendar"], key="posts_calendar", on_select="rerun", selection_mode="points")
