"""Bare Plan view: the same two DataFrames and the same calendar as the Plan view, with none of the app's logic.

The frames and the calendar's entries are built once outside the timing (`benchmarks.bare_data`), as the app's caches
would hold them; each run only renders them, with the same display arguments as the Plan view.
"""

from __future__ import annotations

import streamlit as st
from streamlit_calendar import calendar

from benchmarks.bare_load import TZ, bare_data
from lib.calendar import CUSTOM_CSS
from lib.ui.calendar import POST_CALLBACKS
from lib.ui.tables import SELECTABLE, activity_columns, post_columns

data = bare_data()
st.dataframe(
    data["activities"], key="activities_table", selection_mode="multi-row", **SELECTABLE, **activity_columns(TZ)
)
st.dataframe(data["posts"], key="posts_table", selection_mode="multi-row", **SELECTABLE, **post_columns(TZ))
calendar(**data["calendar"], custom_css=CUSTOM_CSS, callbacks=POST_CALLBACKS, key="posts_calendar")
