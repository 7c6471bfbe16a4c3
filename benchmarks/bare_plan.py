"""Bare Plan view: the same two DataFrames and the same figure as the Plan view, with none of the app's logic.

The frames and the figure are built once outside the timing (`benchmarks.bare_data`), as the app's caches would hold
them; each run only renders them, with the same display arguments as the Plan view.
"""

from __future__ import annotations

import streamlit as st

from benchmarks.bare_load import TZ, bare_data

data = bare_data()
st.dataframe(
    data["activities"],
    key="activities_table",
    on_select="rerun",
    selection_mode="multi-row",
    hide_index=True,
    column_order=["date", "title", "type", "posts", "post_statuses", "description"],
    column_config={"date": st.column_config.DatetimeColumn(f"Date ({TZ})", format="ddd D MMM, HH:mm")},
)
st.dataframe(
    data["posts"],
    key="posts_table",
    on_select="rerun",
    selection_mode="multi-row",
    hide_index=True,
    column_order=["date", "channel", "status", "type", "caption", "image", "activity"],
    column_config={
        "date": st.column_config.DatetimeColumn(f"Date ({TZ})", format="ddd D MMM, HH:mm"),
        "image": st.column_config.ImageColumn("Image"),
        "caption": st.column_config.TextColumn("Caption", width="large"),
    },
)
st.plotly_chart(data["calendar"], key="posts_calendar", on_select="rerun", selection_mode="points")
