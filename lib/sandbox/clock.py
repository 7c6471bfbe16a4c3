"""UTC date helpers: ISO-8601 in and out, calendar windows (weeks start on Monday)."""

from __future__ import annotations

import calendar
import re
import time
from datetime import UTC, date, datetime, timedelta

from lib.sandbox import gaps


def now() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.fromtimestamp(time.time(), UTC)


def from_epoch(seconds: float) -> datetime:
    """Epoch seconds to aware UTC."""
    return datetime.fromtimestamp(seconds, UTC)


def iso(moment: datetime) -> str:
    """Wire form: `2026-07-08T09:00:00.000Z`."""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_iso(text: object) -> datetime | None:
    """Parse an ISO-8601 date-time (or date) string to aware UTC; None when it is not one."""
    if not isinstance(text, str) or not text.strip():
        return None
    value = text.strip()
    try:
        if _DATE_ONLY.match(value):
            return datetime.combine(date.fromisoformat(value), datetime.min.time(), UTC)
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def start_of_day(moment: datetime) -> datetime:
    """Midnight UTC of the moment's day."""
    return datetime.combine(moment.astimezone(UTC).date(), datetime.min.time(), UTC)


def at_hour(day: date, hour: int) -> datetime:
    """A UTC moment on a day at a whole hour (hours beyond 23 roll into the next days)."""
    return datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=hour)


def end_of_day(day: date) -> datetime:
    """Last millisecond of a UTC day."""
    return datetime.combine(day, datetime.min.time(), UTC) + timedelta(days=1, milliseconds=-1)


def end_of_next_month(day: date) -> date:
    """Last day of the month after the day's month."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, calendar.monthrange(year, month)[1])


def end_of_week(day: date, weeks_ahead: int = 0) -> date:
    """Last day of the day's week (weeks start on `gaps.WEEK_START_WEEKDAY`), `weeks_ahead` weeks later."""
    offset = (day.weekday() - gaps.WEEK_START_WEEKDAY) % 7
    return day + timedelta(days=6 - offset + 7 * weeks_ahead)


def add_months(day: date, months: int) -> date:
    """Same day-of-month `months` later, clamped to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


_DAYS_SPEC = re.compile(r"^(\d+)d$")


def near_term_end(spec: str, moment: datetime) -> datetime | None:
    """Last moment whose activities get posts at generation (gap 16); None = no posts at all.

    `spec`: "end-of-next-week", "end-of-this-week", "<N>d" (N days after the moment's day), "all" or "none".
    """
    today = moment.astimezone(UTC).date()
    if spec == "end-of-next-week":
        return end_of_day(end_of_week(today, weeks_ahead=1))
    if spec == "end-of-this-week":
        return end_of_day(end_of_week(today))
    if spec == "all":
        return datetime.max.replace(tzinfo=UTC)
    if spec == "none":
        return None
    match = _DAYS_SPEC.match(spec)
    if match is None:
        raise ValueError(f"near_term must be end-of-next-week, end-of-this-week, <N>d, all or none; got {spec!r}")
    return end_of_day(today + timedelta(days=int(match.group(1))))
