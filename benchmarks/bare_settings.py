"""Bare Settings view: the same widgets with the same options and values, drawn as the app draws them (outside a
form, each keyed, its value given through session state, so that unsaved edits survive navigation), with none of the
app's logic."""

from __future__ import annotations

import streamlit as st

from benchmarks.bare_load import bare_data

data = bare_data()


def value(key: str, initial: object) -> str:
    """The widget's key, its value set through session state the first time (as the app's FormDraft does)."""
    st.session_state.setdefault(key, initial)
    return key


def picked(options: list[str], index: int | None) -> str | None:
    return None if index is None else options[index]


st.title("Marketing settings")
st.caption("Settings shape the next generation or regeneration of the plan.")
st.subheader("Goal and voice")
st.selectbox("Goal", data["goals"], key=value("goal", picked(data["goals"], data["goal_index"])))
st.text_input("Custom goal (when “Custom goal…” is chosen)", key=value("custom_goal", data["custom_goal"]))
st.selectbox("Point of view", data["views"], key=value("view", picked(data["views"], data["view_index"])))
st.text_input("Tone of voice", key=value("tone", data["tone"]), placeholder="e.g. warm and playful")
st.subheader("Channels and frequency")
st.multiselect("Marketing tools", data["tools"], key=value("tools", data["tools_default"]))
st.multiselect("Social channels", data["channels"], key=value("channels", data["channels_default"]))
interval_col, count_col = st.columns(2)
interval_col.selectbox("Posting frequency: per", data["intervals"], key=value("interval", data["intervals"][0]))
count_col.number_input("Posts per period (1 to 30)", key=value("count", data["count"]), step=1)
st.subheader("Topics")
include_col, exclude_col = st.columns(2)
include_col.text_area("Topics to include (one per line)", key=value("included", data["included"]))
exclude_col.text_area("Topics to avoid (one per line)", key=value("excluded", data["excluded"]))
st.subheader("Business profile and guidelines")
st.text_area("Value proposition", key=value("proposition", data["profile"][0]))
st.text_area("Target audience", key=value("audience", data["profile"][1]))
st.text_area("Business goal", key=value("business_goal", data["profile"][2]))
st.text_area("Content guidelines", key=value("content", data["content_guidelines"]))
st.text_area("Image guidelines", key=value("image", data["image_guidelines"]))
st.multiselect("Calendars that feed the plan", data["calendars"], key=value("calendars", []))
st.button("Save settings", type="primary", icon=":material/save:")
