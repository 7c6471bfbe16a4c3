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
    site_id: str, fetched_at: datetime, tz_name: str, days: tuple[date, date], _events: list[CalendarEvent]
) -> tuple[pd.DataFrame, go.Figure | None]:
    """The events frame and, when there are events, their timeline over `days`; built once per events read
    (`fetched_at`), not per rerun."""
    frame = events_frame(_events, tz_name)
    return frame, None if frame.empty else events_timeline(frame, tz_name, *days)
