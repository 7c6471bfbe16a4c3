"""Tables and calendar entries of the plan, built once per data change (not per rerun).

They are cached with `functools.lru_cache` keyed on the cached read objects themselves (hashed by identity, see
`lib/ui/readers.py`): a new read is a new key, and a lookup costs about a microsecond, where `st.cache_resource`
hashes its arguments on every call (about 0.2 ms each, measured by `benchmarks/`). Size-bounded like the reads.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pandas as pd

from lib import calendar
from lib.flows.more_posts import activities_without_posts
from lib.flows.scheduling import SchedulePreview, plan_schedule
from lib.frames import activities_frame, events_frame, filter_activities, filter_posts, posts_frame
from lib.timezones import week_start
from lib.ui.readers import EventsRead, PlanSnapshot
from lib.wix.models import PostItem


def plan_period(today: date) -> tuple[datetime, datetime]:
    """Today through the end of next month (the span a plan covers): UTC midnight of ``today`` (the viewer's day) to
    the last instant of the last day in UTC. All-day events are stored as UTC midnight of their day, so this span
    holds exactly the events dated on those days, in every zone."""
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


@functools.lru_cache(maxsize=8)
def plan_tables(snapshot: PlanSnapshot, tz_name: str) -> PlanTables:
    """The tables of one plan read (of a plan with activities), in the viewer's zone."""
    activities = snapshot.plan.activities
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
        items_by_id={item.id: item for item in snapshot.plan.items},
        without_posts=frozenset(a.id for a in activities_without_posts(activities)),
    )


@functools.lru_cache(maxsize=16)
def activities_in_view(
    snapshot: PlanSnapshot,
    tz_name: str,
    start: date | None,
    end: date | None,
    types: tuple[str, ...],
    only_without_posts: bool,
) -> pd.DataFrame:
    """The activities the filters keep (the whole frame when none is set)."""
    return filter_activities(plan_tables(snapshot, tz_name).activities, start, end, types, only_without_posts)


@dataclass(frozen=True, eq=False)
class PostsInView:
    """The post items the filters keep, and the IDs of the drafts among them. Hashed by identity: it is cached per
    read and filters, so what is worked out from it can be cached on it."""

    frame: pd.DataFrame
    draft_ids: tuple[str, ...]


@functools.lru_cache(maxsize=16)
def posts_in_view(
    snapshot: PlanSnapshot, tz_name: str, channels: tuple[str, ...], statuses: tuple[str, ...], week: date | None
) -> PostsInView:
    """The posts the filters keep (the whole frame when none is set)."""
    frame = filter_posts(plan_tables(snapshot, tz_name).posts, channels, statuses, week)
    return PostsInView(frame, tuple(frame["id"][frame["status"] == "DRAFT"]))


@functools.lru_cache(maxsize=16)
def drafts_in_view(
    snapshot: PlanSnapshot, tz_name: str, posts: PostsInView, connected: frozenset[str], today: date
) -> SchedulePreview:
    """The drafts among ``posts``, grouped as the schedule dialog groups them (the X sunset rule as of ``today``)."""
    items_by_id = plan_tables(snapshot, tz_name).items_by_id
    return plan_schedule([items_by_id[i] for i in posts.draft_ids], connected, today)


@dataclass(frozen=True)
class CalendarView:
    """The posts calendar of the posts the filters keep, with the events read, as FullCalendar entries and options."""

    entries: list[dict[str, Any]]
    options: dict[str, Any]
    events: pd.DataFrame


@functools.lru_cache(maxsize=16)
def posts_calendar(
    snapshot: PlanSnapshot,
    tz_name: str,
    channels: tuple[str, ...],
    statuses: tuple[str, ...],
    week: date | None,
    events: EventsRead | None,
    today: date,
) -> CalendarView:
    """Rebuilt only when the read, a filter or the day changes. It opens on the picked week (week view), else on
    today's month, and pages from the plan's first day (or today) to its last."""
    tables = plan_tables(snapshot, tz_name)
    posts = posts_in_view(snapshot, tz_name, channels, statuses, week).frame
    post_days = tables.posts["date"].dropna().dt.date
    first = min([today, tables.first_day, *post_days[:1]])
    last = max([tables.last_day, *post_days[-1:]])
    events_df = events_frame(events.events if events else [], tz_name)
    return CalendarView(*calendar.posts_calendar(posts, events_df, first, last, today, week), events=events_df)
