"""Shareable screens: filters, week and selection live in the URL's query parameters, so a link reopens them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

import streamlit as st


def url_values(name: str, allowed: Iterable[str]) -> list[str]:
    """The values of a repeated parameter that are still valid options (a stale link just drops the rest)."""
    options = set(allowed)
    return [value for value in st.query_params.get_all(name) if value in options]


def url_flag(name: str) -> bool:
    """A checkbox kept in the URL as `name=1`."""
    return st.query_params.get(name) == "1"


def url_date(name: str, default: date, earliest: date, latest: date) -> date:
    """A day kept in the URL as ISO text, clamped to the allowed span."""
    try:
        day = date.fromisoformat(st.query_params.get(name, ""))
    except ValueError:
        return default
    return min(max(day, earliest), latest)


def keep_in_url(**values: object) -> None:
    """Write the screen's current state into the URL; empty values leave the URL."""
    for name, value in values.items():
        if value in (None, False, "", [], ()):
            st.query_params.pop(name, None)
        elif value is True:
            st.query_params[name] = "1"
        elif isinstance(value, date):
            st.query_params[name] = value.isoformat()
        elif isinstance(value, list | tuple):
            st.query_params[name] = [str(item) for item in value]
        else:
            st.query_params[name] = str(value)


def forget_filters(filters: Mapping[str, Sequence[str]]) -> None:
    """Button callback: clear filter widgets (by key) and the URL parameters each one is kept in, so both start over."""
    for widget_key, params in filters.items():
        st.session_state.pop(widget_key, None)
        for name in params:
            st.query_params.pop(name, None)


def render_nothing_matches(what: str, filters: Mapping[str, Sequence[str]]) -> None:
    """Where filters leave a table empty: say so, with a button that clears them (`forget_filters`)."""
    st.info(f"No {what} match these filters.", icon=":material/filter_alt_off:")
    st.button(f"Show all {what}", icon=":material/filter_alt_off:", on_click=forget_filters, args=(filters,))
