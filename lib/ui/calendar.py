"""A calendar drawn by the `streamlit-calendar` component (FullCalendar), and what a click on the Plan view's shows.

Why this component: it is FullCalendar (month, week and list views, "+N more" day lists, all-day bars, prev/next/today)
in an iframe served from the installed package (nothing fetched from the internet), and it returns clicks. Its value
is the last click and stays until the next one; it lives under the component's key like a widget's.
https://github.com/im-perativa/streamlit-calendar
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from streamlit_calendar import calendar as fullcalendar

from lib.calendar import CUSTOM_CSS, DAY_POINTER, EVENT, POST, CalendarClick, read_click
from lib.display import format_day
from lib.ui.post_detail import render_post_detail
from lib.ui.tables import post_columns
from lib.wix.models import MarketingPlan

POST_CALLBACKS = ["eventClick", "dateClick"]  # a click on a post, or on a day


def render_calendar(
    entries: list[dict[str, Any]], options: dict[str, Any], key: str, callbacks: list[str] = POST_CALLBACKS
) -> CalendarClick | None:
    """Draw the calendar; the last click on it, if any."""
    css = CUSTOM_CSS if "dateClick" in callbacks else CUSTOM_CSS.replace(DAY_POINTER, "")
    return read_click(fullcalendar(events=entries, options=options, custom_css=css, callbacks=callbacks, key=key))


def render_posts_pick(
    click: CalendarClick | None, plan: MarketingPlan, posts: pd.DataFrame, events: pd.DataFrame, tz_name: str
) -> None:
    """Below the posts calendar: the clicked post in full, the clicked event, or the clicked day's posts."""
    if click is None:
        return
    if click.kind == POST:
        render_post_detail(plan, click.target, tz_name)
    elif click.kind == EVENT:
        render_event_pick(click, events)
    elif click.day is not None:
        render_day(click.day, posts, tz_name)


def render_event_pick(click: CalendarClick, events: pd.DataFrame, on_events_view: bool = False) -> None:
    """The clicked calendar event: its name, day and description, and where to change it."""
    rows = events.loc[events["id"] == click.target]
    if rows.empty:
        st.caption("That event is no longer in the calendar.")
        return
    event = rows.iloc[0]
    with st.container(border=True):
        day = format_day(click.day) if click.day else ""
        st.text(f"{event['name'] or '(unnamed event)'} · {day} · {event['recurrence']}")
        if event["description"]:
            st.text(event["description"])
        if on_events_view:
            st.caption("To change or delete it, tick it in the table above.")
        else:
            st.page_link("pages/events.py", label="Open the Events view to change it", icon=":material/event:")


def render_day(day: date, posts: pd.DataFrame, tz_name: str) -> None:
    """The posts of one day (the viewer's day), as the posts table shows them."""
    on_day = posts.loc[posts["date"].dt.date == day]
    st.markdown(f"**{len(on_day)} post{'' if len(on_day) == 1 else 's'} on {format_day(day)}**")
    if not on_day.empty:
        st.dataframe(on_day, hide_index=True, **post_columns(tz_name))
