"""Frames and figures of the plan, built once per data change (not per rerun)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lib.charts import posts_calendar
from lib.flows import activities_without_posts
from lib.frames import activities_frame, events_frame, posts_frame
from lib.timezones import week_start
from lib.ui.readers import PlanSnapshot
from lib.wix.models import CalendarEvent, PostItem


def plan_period(today: date) -> tuple[datetime, datetime]:
    """Today through the end of next month (the span a plan covers), as UTC instants."""
    first_of_next_next = (today.replace(day=1) + timedelta(days=62)).replace(day=1)
    end = first_of_next_next - timedelta(days=1)
    return datetime.combine(today, time.min, tzinfo=UTC), datetime.combine(end, time.max, tzinfo=UTC)


@dataclass(frozen=True)
class PlanTables:
    """One plan read as the Plan view shows it: both frames, the filter options and lookups, built once."""

    activities: pd.DataFrame
    posts: pd.DataFrame
    first_day: date
    last_day: date
    types: list[str]
    channels: list[str]
    statuses: list[str]
    weeks: list[date]
    items_by_id: dict[str, PostItem]
    without_posts: frozenset[str]


@st.cache_resource(max_entries=8, show_spinner=False)
def plan_tables(site_id: str, fetched_at: datetime, tz_name: str, _snapshot: PlanSnapshot) -> PlanTables:
    """The tables of one plan read (of a plan with activities), in the viewer's zone."""
    activities = _snapshot.plan.activities
    activities_df, posts_df = activities_frame(activities, tz_name), posts_frame(activities, tz_name)
    return PlanTables(
        activities=activities_df,
        posts=posts_df,
        first_day=activities_df["date"].min().date(),
        last_day=activities_df["date"].max().date(),
        types=sorted(activities_df["type"].dropna().unique()),
        channels=sorted(posts_df["channel"].dropna().unique()),
        statuses=sorted(posts_df["status"].dropna().unique()),
        weeks=sorted({week_start(day) for day in posts_df["date"].dropna().dt.date}),
        items_by_id={item.id: item for item in _snapshot.plan.items},
        without_posts=frozenset(a.id for a in activities_without_posts(activities)),
    )


@st.cache_resource(max_entries=16, show_spinner=False)
def calendar_figure(
    site_id: str,
    fetched_at: datetime,
    tz_name: str,
    view: tuple[object, ...],
    events_fetched_at: datetime | None,
    today: date,
    _posts: pd.DataFrame,
    _events: list[CalendarEvent],
) -> go.Figure:
    """The posts calendar for the posts in view; rebuilt only when the plan read, the filters (`view`) or the
    events read change (keyed on the filter values and read times, not on thousands of IDs, which cost more to
    hash)."""
    return posts_calendar(_posts, events_frame(_events, tz_name), tz_name, today)
