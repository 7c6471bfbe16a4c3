"""Shared screen furniture: the connection banner and the viewer's time zone."""

from __future__ import annotations

import functools
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import streamlit as st

from lib.config import AppConfig
from lib.ui.connection import SITE_KEY, Connection

TIMEZONE_KEY = "viewer_timezone"  # the picked zone (kept while the picker is closed)
ZONE_PICKER_KEY = "timezone_picker"


def render_site_switcher(config: AppConfig) -> None:
    """With several live sites configured: pick one in the sidebar; the choice also goes into the URL."""
    sites = {site.name: site.label for site in config.sites}
    if len(sites) < 2:
        return
    default = st.query_params.get(SITE_KEY)
    names = list(sites)
    st.sidebar.selectbox(
        "Site",
        names,
        index=names.index(default) if default in names else 0,
        format_func=sites.__getitem__,
        key=SITE_KEY,
    )
    st.query_params[SITE_KEY] = st.session_state[SITE_KEY]


def render_connection_banner(connection: Connection) -> None:
    """Say on every screen whether this is the sandbox or the live Wix site: in full in the sidebar, and in one line
    at the top of the main area, which a narrow screen shows without opening the sidebar."""
    if connection.is_sandbox:
        st.sidebar.info(
            "**Sandbox** — a simulated Wix site on this machine. Nothing is published. "
            "Set `WIX_API_KEY` and `WIX_SITE_ID` to work on your live site.",
            icon=":material/science:",
        )
        st.caption(":orange-badge[:material/science: Sandbox] A simulated Wix site: nothing is published.")
    else:
        st.sidebar.success(
            f"**Live** — {connection.site_label} (Wix site `{connection.site_id}`)", icon=":material/public:"
        )
        st.caption(f":green-badge[:material/public: Live] {connection.site_label}: changes go to your Wix site.")


def _browser_timezone() -> str:
    zone = st.context.timezone or "UTC"
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return zone


@functools.cache
def _zone_names() -> list[str]:
    """Every IANA zone name, sorted once per process (reading the zone database takes milliseconds)."""
    return sorted(available_timezones() | {"UTC"})


def _keep_picked_zone() -> None:
    st.session_state[TIMEZONE_KEY] = st.session_state[ZONE_PICKER_KEY]


def render_timezone_picker() -> None:
    """Sidebar: the zone every date on screen uses, and a popover to change it. The list of ~600 zones is drawn
    only while the popover is open, so the choice is kept under its own key (a widget's state ends with it)."""
    zone = viewer_timezone()
    popover = st.sidebar.popover(
        f"Dates in {zone}", icon=":material/schedule:", key="timezone_popover", on_change="rerun", width="stretch"
    )
    with popover:
        if popover.open:
            zones = _zone_names()
            st.selectbox("Time zone", zones, index=zones.index(zone), key=ZONE_PICKER_KEY, on_change=_keep_picked_zone)


def viewer_timezone() -> str:
    """The zone dates are shown in (the browser's unless picked in the sidebar)."""
    return st.session_state.get(TIMEZONE_KEY) or _browser_timezone()


def picked_range(picked: object, fallback: tuple[date, date]) -> tuple[date, date]:
    """A date-range input gives 0, 1 or 2 dates while the user picks; read it as (start, end)."""
    days = [day for day in (picked if isinstance(picked, list | tuple) else [picked]) if isinstance(day, date)]
    if not days:
        return fallback
    return days[0], days[-1]
