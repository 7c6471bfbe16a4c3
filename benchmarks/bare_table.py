"""Bare page for the browser timing: one table the size of the Plan view's activities table, nothing else."""

from __future__ import annotations

import streamlit as st

from benchmarks.bare_load import TZ, bare_data
from lib.ui.tables import activity_columns

st.set_page_config(layout="wide")  # as the app
st.dataframe(bare_data()["activities"], hide_index=True, **activity_columns(TZ))
