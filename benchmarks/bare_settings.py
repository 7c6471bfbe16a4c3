"""Bare Settings view: the same form widgets with the same options and values, with none of the app's logic."""

from __future__ import annotations

import streamlit as st

from benchmarks.bare_load import bare_data

data = bare_data()
st.title("Marketing settings")
st.caption("Settings shape the next generation or regeneration of the plan.")
with st.form("settings_form", border=True):
    st.subheader("Goal and voice")
    st.selectbox("Goal", data["goals"], index=data["goal_index"])
    st.text_input("Custom goal (when “Custom goal…” is chosen)", value=data["custom_goal"])
    st.selectbox("Point of view", data["views"], index=data["view_index"])
    st.text_input("Tone of voice", value=data["tone"], placeholder="e.g. warm and playful")
    st.subheader("Channels and frequency")
    st.multiselect("Marketing tools", data["tools"], default=data["tools_default"])
    st.multiselect("Social channels", data["channels"], default=data["channels_default"])
    interval_col, count_col = st.columns(2)
    interval_col.selectbox("Posting frequency: per", data["intervals"])
    count_col.number_input("Posts per period (1 to 30)", value=data["count"], step=1)
    st.subheader("Topics")
    include_col, exclude_col = st.columns(2)
    include_col.text_area("Topics to include (one per line)", data["included"])
    exclude_col.text_area("Topics to avoid (one per line)", data["excluded"])
    st.subheader("Business profile and guidelines")
    st.text_area("Value proposition", data["profile"][0])
    st.text_area("Target audience", data["profile"][1])
    st.text_area("Business goal", data["profile"][2])
    st.text_area("Content guidelines", data["content_guidelines"])
    st.text_area("Image guidelines", data["image_guidelines"])
    st.multiselect("Calendars that feed the plan", data["calendars"])
    st.form_submit_button("Save settings", type="primary", icon=":material/save:")
