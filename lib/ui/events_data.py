"""The events table and timeline, built once per events read (not per rerun); cached on the read object like the
plan's frames (see `lib/ui/plan_data.py`)."""

from __future__ import annotations

import functools
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from lib.charts import events_timeline
from lib.frames import events_frame
from lib.ui.readers import EventsRead


@functools.lru_cache(maxsize=16)
def events_view(events: EventsRead, tz_name: str, days: tuple[date, date]) -> tuple[pd.DataFrame, go.Figure | None]:
    """The events frame and, when there are events, their timeline over `days`."""
    frame = events_frame(events.events, tz_name)
    return frame, None if frame.empty else events_timeline(frame, tz_name, *days)
