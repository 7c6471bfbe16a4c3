"""The events table and calendar entries, built once per events read (not per rerun); cached on the read object like
the plan's frames (see `lib/ui/plan_data.py`)."""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

import pandas as pd

from lib.calendar import event_entries
from lib.frames import events_frame
from lib.ui.readers import EventsRead


@functools.lru_cache(maxsize=16)
def events_view(events: EventsRead, tz_name: str, days: tuple[date, date]) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """The events frame and the calendar's all-day bars of their occurrences over `days`."""
    frame = events_frame(events.events, tz_name)
    return frame, event_entries(frame, *days)
