"""Shareable screens: filters, week and selection live in the URL's query parameters, so a link reopens them."""

from __future__ import annotations

from collections.abc import Iterable
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
