"""How the plan's and the events' tables are shown: which columns, in which order, under which headers, with dates
in the viewer's zone. One place for the views and for the benchmark's bare scripts, which draw the same tables.

Categories show their display names (the frames' ``*_name`` columns, see `lib.frames`); the raw API values stay in
the frames for filters and selections. Date formats come from `lib.display`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypedDict

import streamlit as st

from lib.display import DAY_COLUMN_FORMAT, DAY_TIME_COLUMN_FORMAT

if TYPE_CHECKING:  # what st.column_config.*Column returns; streamlit.column_config does not re-export the type
    from streamlit.elements.lib.column_types import ColumnConfig


class Selectable(TypedDict):
    """`st.dataframe` arguments of a table whose rows are picked."""

    on_select: Literal["rerun"]
    hide_index: bool


class TableColumns(TypedDict):
    """`st.dataframe` arguments naming a table's columns: their order and each one's header or column type."""

    column_order: list[str]
    column_config: dict[str, ColumnConfig | str]


SELECTABLE: Selectable = {"on_select": "rerun", "hide_index": True}  # rows picked by their checkboxes; no index column


def _date(tz_name: str) -> ColumnConfig:
    return st.column_config.DatetimeColumn(f"Date ({tz_name})", format=DAY_TIME_COLUMN_FORMAT)


def activity_columns(tz_name: str) -> TableColumns:
    """`st.dataframe` arguments for the activities table."""
    return {
        "column_order": ["date", "title", "type_name", "posts", "post_statuses", "description"],
        "column_config": {
            "date": _date(tz_name),
            "title": "Title",
            "type_name": "Type",
            "posts": st.column_config.NumberColumn("Posts", help="Post items (posts and stories) of the activity"),
            "post_statuses": "Post statuses",
            "description": "Description",
        },
    }


def post_columns(tz_name: str) -> TableColumns:
    """`st.dataframe` arguments for the post items table."""
    return {
        "column_order": ["date", "channel_name", "status_name", "type_name", "caption", "image", "activity"],
        "column_config": {
            "date": _date(tz_name),
            "channel_name": "Channel",
            "status_name": "Status",
            "type_name": "Type",
            "caption": st.column_config.TextColumn("Caption", width="large"),
            "image": st.column_config.ImageColumn("Image"),
            "activity": "Activity",
        },
    }


def event_columns() -> TableColumns:
    """`st.dataframe` arguments for the events table. Its dates are calendar days (naive midnights, see
    `lib.frames.events_frame`), which a datetime column shows as they are: the same day in every zone, so the header
    names no zone."""
    return {
        "column_order": ["date", "name", "recurrence", "occurrences", "read_only", "description"],
        "column_config": {
            "date": st.column_config.DatetimeColumn(
                "Date (all-day)", format=DAY_COLUMN_FORMAT, help="A calendar day: the same day in every time zone."
            ),
            "name": "Name",
            "recurrence": "Repeats",
            "occurrences": "Occurrences",
            "read_only": st.column_config.CheckboxColumn("Connected calendar (read-only)"),
            "description": "Description",
        },
    }
