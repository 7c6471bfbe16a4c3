"""Bare Events view: the same range input, table, calendar and (empty) event form, with none of the app's logic."""

from __future__ import annotations

import streamlit as st
from streamlit_calendar import calendar

from benchmarks.bare_load import bare_data
from lib.calendar import CUSTOM_CSS
from lib.ui.tables import SELECTABLE, event_columns

data = bare_data()
st.title("Calendar events")
st.caption("Sales, launches and holidays the AI plans around.")
st.date_input("Show events between", data["range"])
st.dataframe(data["events"], key="events_table", selection_mode="single-row", **SELECTABLE, **event_columns())
calendar(**data["calendar"], custom_css=CUSTOM_CSS, callbacks=["eventClick"], key="events_calendar")
create_tab, edit_tab = st.tabs(["New event", "Edit or delete the selected event"])
with create_tab, st.form("create_event"):
    st.text_input("Name", placeholder="e.g. Summer Sale")
    st.text_area("Description")
    st.radio("When", ["One-time date", "Recurring"], horizontal=True)
    one_time_col, rule_col = st.columns(2)
    one_time_col.date_input("Date (one-time)", value=None)
    rule_col.selectbox("Repeats (recurring)", ["Weekly", "Monthly", "Yearly"])
    rule_col.date_input("Starting", value=None)
    rule_col.date_input("Until (optional)", value=None)
    st.form_submit_button("Create event", type="primary")
with edit_tab:
    st.caption("Select an event in the table to edit or delete it.")
