"""The events table and timeline, built once per events read (not per rerun)."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lib.charts import events_timeline
from lib.frames import events_frame
from lib.wix.models import CalendarEvent


@st.cache_resource(max_entries=16, show_spinner=False)
def events_view(
    site_id: str,
    start: datetime,
    end: datetime,
    tz_name: str,
    days: tuple[date, date],
    fingerprint: tuple[object, ...],
    _events: list[CalendarEvent],
) -> tuple[pd.DataFrame, go.Figure | None]:
    """The events frame and, when there are events, their timeline over `days`; keyed on `fingerprint`."""
    frame = events_frame(_events, tz_name)
    return frame, None if frame.empty else events_timeline(frame, tz_name, *days)


def events_fingerprint(events: list[CalendarEvent]) -> tuple[object, ...]:
    """What the table and timeline show of each event (at most 100): an edit changes it, a rerun does not."""
    return tuple(
        (
            e.id,
            e.name,
            e.description,
            e.date,
            e.recurring_rule and e.recurring_rule.to_json(),
            e.read_only,
            tuple(e.occurrences),
        )
        for e in events
    )
