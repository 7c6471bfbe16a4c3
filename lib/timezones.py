"""Viewer time zones: name resolution with a UTC fallback and conversions of API (UTC) instants."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "UTC"


@lru_cache(maxsize=64)
def resolve_zone(name: str | None) -> ZoneInfo:
    """The IANA zone named ``name``; UTC when the name is empty or unknown (a browser can report odd values)."""
    if not name or not isinstance(name, str):
        return ZoneInfo(DEFAULT_ZONE)
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


def zone_name(name: str | None) -> str:
    """The canonical key of the resolved zone (``"UTC"`` for an invalid name), for labels and pandas."""
    return resolve_zone(name).key


def to_viewer_zone(dt: datetime | None, tz: str | None) -> datetime | None:
    """Convert an instant to the viewer's zone; a naive value is taken as UTC (the API speaks UTC)."""
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(resolve_zone(tz))


def week_start(day: date) -> date:
    """The Monday of the week containing ``day`` (weeks start on Monday)."""
    if isinstance(day, datetime):
        day = day.date()
    return day - timedelta(days=day.weekday())
