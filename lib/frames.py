"""Models -> pandas DataFrames for tables, filters and calendars, with every instant in the viewer's time zone.

All-day values (event dates, recurring starts) are calendar days instead: naive midnights, the same day in every zone.

Pure functions: the page builds each frame once per data change and caches it. Enum values become plain strings
(unknown values shown as the API sent them); a missing category is ``"(none)"``, missing free text is ``""``. Those raw
columns are what filters and URL state work on; each has a ``*_name`` twin with its display name (`lib.display`,
empty when missing) for tables and exports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from datetime import UTC, date, datetime

import pandas as pd

from lib.display import activity_type_name, channel_name, post_type_name, status_name
from lib.timezones import zone_name
from lib.wix import gaps
from lib.wix.models import CalendarEvent, ItemStatus, MarketingActivity, PostItem

MISSING = "(none)"
STATUS_ORDER = (ItemStatus.DRAFT.value, ItemStatus.SCHEDULED.value, ItemStatus.PUBLISHED.value)

# The columns of a CSV export, in order (the frames hold them all); `lib.exports.CSV_HEADERS` names them
ACTIVITY_COLUMNS = (
    "id",
    "date",
    "title",
    "type_name",
    "type",
    "description",
    "posts",
    "post_statuses",
    "has_posts",
)
POST_COLUMNS = (
    "id",
    "activity_id",
    "date",
    "channel_name",
    "channel",
    "status_name",
    "status",
    "type_name",
    "type",
    "caption",
    "image_url",
    "activity",
)
POST_TABLE_COLUMNS = ("image",)  # the posts frame's columns for tables only: an image to show (data URIs too)
WEB_URL_STARTS = ("https://", "http://")
EVENT_COLUMNS = (
    "id",
    "name",
    "description",
    "date",
    "recurrence",
    "occurrences",
    "read_only",
    "occurrence_dates",
)

_RECURRENCE_LABELS = {"WEEKLY": "weekly", "MONTHLY": "monthly", "YEARLY": "yearly"}


def label(value: object) -> str:
    """Display string of an enum-or-string field: the wire value, or ``"(none)"`` when absent."""
    return MISSING if value is None or value == "" else str(value)


def status_sort_key(status: str) -> tuple[int, str]:
    """Known statuses in lifecycle order (DRAFT, SCHEDULED, PUBLISHED), then the others alphabetically."""
    return (STATUS_ORDER.index(status), "") if status in STATUS_ORDER else (len(STATUS_ORDER), status)


def status_summary(items: Iterable[PostItem]) -> str:
    """Count of items per status in lifecycle order, e.g. ``"2 Draft · 1 Scheduled"`` (``""`` when there are none)."""
    counts = Counter(label(item.status) for item in items)
    return " · ".join(f"{counts[s]} {status_name(s)}" for s in sorted(counts, key=status_sort_key))


def _local_dates(values: list[datetime | None], tz: str) -> pd.DatetimeIndex:
    """UTC instants (``None`` -> NaT) as a tz-aware index in the viewer's zone, microsecond unit."""
    # an object Index rather than the list: pandas-stubs' list overload of to_datetime leaves out None (NaT here)
    return pd.to_datetime(pd.Index(values, dtype=object), utc=True).as_unit("us").tz_convert(zone_name(tz))


def calendar_day(value: datetime) -> date:
    """The calendar day of an all-day value: Wix stores it as UTC midnight, so its UTC date (naive means UTC)."""
    return (value.astimezone(UTC) if value.tzinfo is not None else value).date()


def _days(values: Iterable[datetime | None]) -> pd.DatetimeIndex:
    """All-day values (``None`` -> NaT) as naive midnights of their calendar days, microsecond unit.

    Naive on purpose: no zone is attached, so nothing downstream (tables, calendars, filters) moves them to another day.
    """
    days = [pd.NaT if value is None else pd.Timestamp(calendar_day(value)) for value in values]
    return pd.DatetimeIndex(days, dtype="datetime64[us]")


def _text(values: Iterable[str]) -> pd.Series:
    """A text column (``str`` dtype even when empty)."""
    return pd.Series(list(values), dtype="str")


def _sorted_by_date(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values("date", kind="stable", na_position="last").reset_index(drop=True)


def activities_frame(activities: Iterable[MarketingActivity], tz: str) -> pd.DataFrame:
    """One row per activity, date ascending (undated last)."""
    activities = list(activities)
    frame = pd.DataFrame(
        {
            "id": _text([a.id for a in activities]),
            "date": _local_dates([a.date for a in activities], tz),
            "title": _text([a.title or "" for a in activities]),
            "type_name": _text([activity_type_name(a.type) for a in activities]),
            "type": _text([label(a.type) for a in activities]),
            "description": _text([a.description or "" for a in activities]),
            "posts": pd.array([len(a.items) for a in activities], dtype="int64"),
            "post_statuses": _text([status_summary(a.items) for a in activities]),
            "has_posts": pd.array([bool(a.items) for a in activities], dtype="bool"),
        },
        columns=list(ACTIVITY_COLUMNS),
    )
    return _sorted_by_date(frame)


def post_type(item: PostItem) -> str:
    """The item type as sent (``POST``/``STORY``/unknown); a missing type is inferred from its content key."""
    if item.type:
        return item.type
    return "STORY" if item.is_story else "POST"


def web_image_url(item: PostItem) -> str:
    """The URL of the item's first image on the web (http or https), as the API gave it; ``""`` when it has none.

    An inline ``data:`` image (the sandbox draws its pictures as SVG data URIs) shows in a table but is no link to
    a spreadsheet user.
    """
    urls = (m.url for m in item.media if m.type == gaps.MEDIA_TYPE_IMAGE and m.url)
    return next((url for url in urls if url.lower().startswith(WEB_URL_STARTS)), "")


def posts_frame(activities: Iterable[MarketingActivity], tz: str) -> pd.DataFrame:
    """One row per post item; ``date`` is the item's scheduled date, else its activity's date."""
    rows = [(activity, item) for activity in activities for item in activity.items]
    types = [post_type(item) for _, item in rows]
    frame = pd.DataFrame(
        {
            "id": _text([item.id for _, item in rows]),
            "activity_id": _text([activity.id for activity, _ in rows]),
            "date": _local_dates([item.scheduled_date or activity.date for activity, item in rows], tz),
            "channel_name": _text([channel_name(item.channel) for _, item in rows]),
            "channel": _text([label(item.channel) for _, item in rows]),
            "status_name": _text([status_name(item.status) for _, item in rows]),
            "status": _text([label(item.status) for _, item in rows]),
            "type_name": _text([post_type_name(kind) for kind in types]),
            "type": _text(types),
            "caption": _text([item.caption or "" for _, item in rows]),
            "image_url": _text([web_image_url(item) for _, item in rows]),
            "activity": _text([activity.title or "" for activity, _ in rows]),
            "image": pd.Series([item.image_url for _, item in rows], dtype="object"),
        },
        columns=[*POST_COLUMNS, *POST_TABLE_COLUMNS],
    )
    return _sorted_by_date(frame)


def _recurrence(event: CalendarEvent) -> str:
    if event.recurring_rule is None:
        return "one-time"
    frequency = event.recurring_rule.frequency
    if frequency is None or frequency == "":
        return "recurring"
    return _RECURRENCE_LABELS.get(str(frequency), str(frequency))


def _occurrences(event: CalendarEvent) -> list[datetime]:
    """Occurrences as sent: the API's list for recurring events (else the rule start), the date for one-time ones."""
    if event.occurrences:
        return sorted(event.occurrences)
    first = event.recurring_rule.start_date if event.recurring_rule is not None else event.date
    return [first] if first is not None else []


def events_frame(events: Iterable[CalendarEvent], tz: str) -> pd.DataFrame:
    """One row per event; ``date`` is the day or first occurrence, ``occurrence_dates`` lists every day.

    Calendar days (naive midnights): ``tz`` is taken like the other frames' and changes nothing, since an all-day
    event is on its day wherever the viewer is (an event on 10 Dec is never "Wed 9 Dec" in Los Angeles).
    """
    events = list(events)
    occurrences = [_occurrences(e) for e in events]
    frame = pd.DataFrame(
        {
            "id": _text([e.id or "" for e in events]),
            "name": _text([e.name or "" for e in events]),
            "description": _text([e.description or "" for e in events]),
            "date": _days([o[0] if o else None for o in occurrences]),
            "recurrence": _text([_recurrence(e) for e in events]),
            "occurrences": pd.array([len(o) for o in occurrences], dtype="int64"),
            "read_only": pd.array([e.read_only for e in events], dtype="bool"),
            "occurrence_dates": pd.Series([list(_days(o)) for o in occurrences], dtype="object"),
        },
        columns=list(EVENT_COLUMNS),
    )
    return _sorted_by_date(frame)


def _local_days(dates: pd.Series) -> pd.Series:
    """Midnight (naive wall clock) of each date's day in the zone the column already carries."""
    if dates.dt.tz is not None:
        dates = dates.dt.tz_localize(None)
    return dates.dt.normalize()


def filter_activities(
    df: pd.DataFrame,
    start: date | None = None,
    end: date | None = None,
    types: Collection[str] | None = None,
    only_without_posts: bool = False,
) -> pd.DataFrame:
    """Rows whose local day is within ``start``..``end`` (inclusive), of the given types, optionally without posts.

    ``None`` or an empty ``types`` means every type; a missing bound is open. With no filter set, ``df`` itself.
    """
    if start is None and end is None and not types and not only_without_posts:
        return df
    mask = pd.Series(True, index=df.index)
    days = _local_days(df["date"])
    if start is not None:
        mask &= days >= pd.Timestamp(start)
    if end is not None:
        mask &= days <= pd.Timestamp(end)
    if types:
        mask &= df["type"].isin([str(t) for t in types])
    if only_without_posts:
        mask &= ~df["has_posts"]
    return df.loc[mask].reset_index(drop=True)


def filter_posts(
    df: pd.DataFrame,
    channels: Collection[str] | None = None,
    statuses: Collection[str] | None = None,
    week: date | None = None,
) -> pd.DataFrame:
    """Rows of the given channels and statuses, in the week starting on Monday ``week`` (viewer's days).

    ``None`` or empty means no filter on that column. With no filter set, ``df`` itself.
    """
    if not channels and not statuses and week is None:
        return df
    mask = pd.Series(True, index=df.index)
    if week is not None:
        days = _local_days(df["date"])
        mask &= (days >= pd.Timestamp(week)) & (days < pd.Timestamp(week) + pd.Timedelta(days=7))
    if channels:
        mask &= df["channel"].isin([str(c) for c in channels])
    if statuses:
        mask &= df["status"].isin([str(s) for s in statuses])
    return df.loc[mask].reset_index(drop=True)
