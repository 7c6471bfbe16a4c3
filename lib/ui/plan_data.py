"""Frames and figures of the plan, built once per data change (not per rerun)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lib.charts import posts_calendar
from lib.frames import activities_frame, events_frame, posts_frame
from lib.ui.readers import PlanSnapshot
from lib.wix.models import CalendarEvent


def plan_period(today: date) -> tuple[datetime, datetime]:
    """Today through the end of next month (the span a plan covers), as UTC instants."""
    first_of_next_next = (today.replace(day=1) + timedelta(days=62)).replace(day=1)
    end = first_of_next_next - timedelta(days=1)
    return datetime.combine(today, time.min, tzinfo=UTC), datetime.combine(end, time.max, tzinfo=UTC)


@st.cache_resource(max_entries=8, show_spinner=False)
def plan_frames(
    site_id: str, fetched_at: datetime, tz_name: str, _snapshot: PlanSnapshot
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Activities and post items of one plan read, in the viewer's zone."""
    activities = _snapshot.plan.activities
    return activities_frame(activities, tz_name), posts_frame(activities, tz_name)


@st.cache_resource(max_entries=16, show_spinner=False)
def calendar_figure(
    site_id: str,
    fetched_at: datetime,
    tz_name: str,
    view: tuple[object, ...],
    event_ids: tuple[str | None, ...],
    today: date,
    _posts: pd.DataFrame,
    _events: list[CalendarEvent],
) -> go.Figure:
    """The posts calendar for the posts in view; rebuilt only when the plan read, the filters (`view`) or the
    events change (keyed on the filter values, not on thousands of post IDs, which would cost more to hash)."""
    return posts_calendar(_posts, events_frame(_events, tz_name), tz_name, today)
