"""The activity forms (edit and create): dates in the viewer's zone, validated before any API call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import streamlit as st

from lib.ui.activity_data import CREATABLE_TYPES, type_label
from lib.wix.models import ActivityType, MarketingActivity

TITLE_LIMIT = 200
DESCRIPTION_LIMIT = 3000
DEFAULT_HOUR = time(9, 0)


@dataclass(frozen=True)
class NewActivity:
    """A valid create form: what CreateMarketingActivity gets."""

    title: str
    description: str
    target_date: datetime
    activity_type: ActivityType


def _too_long(what: str, text: str, limit: int) -> str | None:
    if len(text) > limit:
        return f"{what} is {len(text):,} characters long; keep it to {limit:,} or fewer."
    return None


def validate_activity(
    title: str | None,
    description: str | None,
    moment: datetime | None,
    now: datetime,
    *,
    check_description: bool = True,
    check_date: bool = True,
) -> dict[str, str]:
    """Problems keyed by field (``title``, ``description``, ``date``); empty when valid.

    Title and description are required (Wix rejects an empty one) and bounded; a date given must not be in the past.
    ``check_description``/``check_date`` off: the field is unchanged, so it is not judged.
    """
    errors: dict[str, str] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = "Give the activity a title."
    elif problem := _too_long("The title", title, TITLE_LIMIT):
        errors["title"] = problem
    description = (description or "").strip()
    if check_description:
        if not description:
            errors["description"] = "Describe the activity: Wix does not accept an empty description."
        elif problem := _too_long("The description", description, DESCRIPTION_LIMIT):
            errors["description"] = problem
    if check_date:
        if moment is None:
            errors["date"] = "Pick a date and a time."
        elif moment < now:
            errors["date"] = "Pick a date and time from now on; that moment has passed."
    return errors


def _moment(day: date | None, at: time | None, tz_name: str) -> datetime | None:
    """The instant the viewer picked (in their zone), in UTC."""
    if day is None or at is None:
        return None
    return datetime.combine(day, at, tzinfo=ZoneInfo(tz_name)).astimezone(UTC)


def _same_minute(a: datetime | None, b: datetime | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.replace(second=0, microsecond=0) == b.replace(second=0, microsecond=0)


def _show(problems: dict[str, str]) -> None:
    for message in problems.values():
        st.error(message, icon=":material/edit:")
    st.caption("Nothing was sent to Wix. Your edits are still in the form.")


def edit_form(activity: MarketingActivity, tz_name: str, now: datetime) -> dict[str, object] | None:
    """Title, description and date; on a valid submit return only the changed fields (``title``, ``description``,
    ``target_date``: the keyword arguments of ``update_marketing_activity``), else None. An empty dict: no change."""
    local = activity.date.astimezone(ZoneInfo(tz_name)) if activity.date else None
    with st.form(f"edit_activity_{activity.id}"):
        title = st.text_input("Title", value=activity.title or "")
        description = st.text_area("Description", value=activity.description or "")
        day_col, time_col = st.columns(2)
        day = day_col.date_input(f"Date ({tz_name})", value=local.date() if local else None)
        at = time_col.time_input(
            f"Time ({tz_name})", value=local.time().replace(second=0, microsecond=0) if local else DEFAULT_HOUR
        )
        submitted = st.form_submit_button("Save changes", type="primary", icon=":material/save:")
    if not submitted:
        return None
    moment = _moment(day, at, tz_name)
    changes: dict[str, object] = {}
    if title.strip() != (activity.title or "").strip():
        changes["title"] = title.strip()
    if description.strip() != (activity.description or "").strip():
        changes["description"] = description.strip()
    if not _same_minute(moment, activity.date):
        changes["target_date"] = moment
    problems = validate_activity(
        title,
        description,
        moment,
        now,
        check_description="description" in changes,
        check_date="target_date" in changes,
    )
    if problems:
        _show(problems)
        return None
    return changes


def create_form(tz_name: str, now: datetime) -> NewActivity | None:
    """The manual-activity form; on a valid submit return what to create, else None."""
    today = now.astimezone(ZoneInfo(tz_name)).date()
    with st.form("create_activity"):
        title = st.text_input("Title", max_chars=TITLE_LIMIT, placeholder="e.g. Behind the scenes at the studio")
        description = st.text_area("Description", placeholder="What the activity is about")
        day_col, time_col, type_col = st.columns(3)
        day = day_col.date_input(f"Date ({tz_name})", value=today + timedelta(days=1), min_value=today)
        at = time_col.time_input(f"Time ({tz_name})", value=DEFAULT_HOUR)
        activity_type = type_col.selectbox("Type", CREATABLE_TYPES, format_func=type_label)
        submitted = st.form_submit_button("Create activity", type="primary", icon=":material/add:")
    if not submitted:
        return None
    moment = _moment(day, at, tz_name)
    problems = validate_activity(title, description, moment, now)
    if problems or moment is None:
        _show(problems)
        return None
    return NewActivity(title.strip(), description.strip(), moment, ActivityType(activity_type))
