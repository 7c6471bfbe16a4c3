"""The activity forms (edit and create) and their writes: dates in the viewer's zone, validated before any API call,
one write per submitted intent, and the messages kept in sight beside the user's input."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TypedDict
from zoneinfo import ZoneInfo

import streamlit as st

from lib.audit import AuditOutcome
from lib.ui import notices, site_state
from lib.ui.actions import run_action, show_error
from lib.ui.activity_data import CREATABLE_TYPES, VIEW, about, forget_activity, plain_markdown, type_label
from lib.ui.connection import Connection
from lib.ui.permissions import needs
from lib.wix.errors import UnsupportedByApiError
from lib.wix.models import ActivityType, MarketingActivity

TITLE_LIMIT = 200
DESCRIPTION_LIMIT = 3000
DEFAULT_HOUR = time(9, 0)
UNSUPPORTED_CREATE = "Creating activities is not supported by this API version."
# Site-state names: the edit expander's open state (+ activity ID, a widget key) and how many activities were created
# here (the create form's generation: a new one is an empty form)
EDIT_OPEN = site_state.ACTIVITY_EDIT_OPEN_PREFIX
CREATE_FORM = site_state.ACTIVITY_CREATE_FORM


@dataclass(frozen=True)
class NewActivity:
    """A valid create form: what CreateMarketingActivity gets."""

    title: str
    description: str
    target_date: datetime
    activity_type: ActivityType


class ActivityChanges(TypedDict, total=False):
    """The changed fields of a submitted edit: the keyword arguments of ``update_marketing_activity``."""

    title: str
    description: str
    target_date: datetime | None


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


def edit_form(
    activity: MarketingActivity, tz_name: str, now: datetime, *, open_key: str, disabled: bool = False
) -> ActivityChanges | None:
    """Title, description and date; on a valid submit return only the changed fields (``title``, ``description``,
    ``target_date``: the keyword arguments of ``update_marketing_activity``), else None. An empty dict: no change.
    Submitting opens the expander under ``open_key`` for the run that shows the outcome."""
    local = activity.date.astimezone(ZoneInfo(tz_name)) if activity.date else None
    with st.form(f"edit_activity_{activity.id}"):
        title = st.text_input("Title", value=activity.title or "", disabled=disabled)
        description = st.text_area("Description", value=activity.description or "", disabled=disabled)
        day_col, time_col = st.columns(2)
        day = day_col.date_input(f"Date ({tz_name})", value=local.date() if local else None, disabled=disabled)
        at = time_col.time_input(
            f"Time ({tz_name})",
            value=local.time().replace(second=0, microsecond=0) if local else DEFAULT_HOUR,
            disabled=disabled,
        )
        cannot_edit = needs("update activity")
        submitted = st.form_submit_button(
            "Save changes",
            type="primary",
            icon=":material/save:",
            disabled=disabled or cannot_edit is not None,
            help=cannot_edit,
            on_click=_open,
            args=(open_key,),
        )
    if not submitted:
        return None
    moment = _moment(day, at, tz_name)
    changes: ActivityChanges = {}
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


def create_form(tz_name: str, now: datetime, *, disabled: bool = False) -> NewActivity | None:
    """The manual-activity form; on a valid submit return what to create, else None. Its key carries the count of
    activities created here, so after a create it is a new, empty form."""
    today = now.astimezone(ZoneInfo(tz_name)).date()
    with st.form(site_state.key(f"create_activity_{site_state.get(CREATE_FORM, 0)}")):
        title = st.text_input(
            "Title", max_chars=TITLE_LIMIT, placeholder="e.g. Behind the scenes at the studio", disabled=disabled
        )
        description = st.text_area("Description", placeholder="What the activity is about", disabled=disabled)
        day_col, time_col, type_col = st.columns(3)
        day = day_col.date_input(
            f"Date ({tz_name})", value=today + timedelta(days=1), min_value=today, disabled=disabled
        )
        at = time_col.time_input(f"Time ({tz_name})", value=DEFAULT_HOUR, disabled=disabled)
        activity_type = type_col.selectbox("Type", CREATABLE_TYPES, format_func=type_label, disabled=disabled)
        cannot_edit = needs("create activity")
        submitted = st.form_submit_button(
            "Create activity",
            type="primary",
            icon=":material/add:",
            disabled=disabled or cannot_edit is not None,
            help=cannot_edit,
        )
    if not submitted:
        return None
    moment = _moment(day, at, tz_name)
    problems = validate_activity(title, description, moment, now)
    if problems or moment is None:
        _show(problems)
        return None
    return NewActivity(title.strip(), description.strip(), moment, ActivityType(activity_type))


def create_activity(connection: Connection, new: NewActivity) -> MarketingActivity | None:
    """CreateMarketingActivity (its URL is a gap-19 assumption), once per submitted activity; the created activity
    (also for a repeated submit, which sends nothing), or None after saying why not."""
    unsupported: list[UnsupportedByApiError] = []

    def create() -> MarketingActivity:
        try:
            return connection.client.create_marketing_activity(
                new.title, new.description, new.target_date, new.activity_type
            )
        except UnsupportedByApiError as error:
            unsupported.append(error)
            raise

    result = run_action(
        connection.site_id,
        "create activity",
        create,
        targets=[new.title],  # the new activity's ID is known only once created: it goes in the outcome
        outcome_of=lambda created: AuditOutcome(True, message=f"Created activity ID {created.id}"),
        intent=new,
    )
    if unsupported:
        show_error(UNSUPPORTED_CREATE)
        return None
    if not result.ok or result.value is None:
        show_error(f"The activity was not created. {result.error}")
        return None
    forget_activity()
    site_state.put(CREATE_FORM, site_state.get(CREATE_FORM, 0) + 1)
    name = plain_markdown(new.title)
    if result.repeated:
        notices.post(
            "info",
            f"Activity “{name}” was already created moments ago; nothing more was sent.",
            about=about(result.value.id),
            view=VIEW,
        )
    else:
        notices.post(
            "success", f"Activity “{name}” created. It has no posts yet.", about=about(result.value.id), view=VIEW
        )
    return result.value


def _open(key: str) -> None:
    """Submit callback: keep the edit expander open for the run that shows the outcome (see `render_edit`)."""
    st.session_state[key] = True


def render_edit(
    connection: Connection, activity: MarketingActivity, tz_name: str, now: datetime, *, disabled: bool = False
) -> None:
    """The edit expander: the form, then its outcome inside it (validation messages and a refusal stay in sight,
    beside the user's input); a save becomes the site's notice and the page redraws with the saved values."""
    open_key = site_state.key(EDIT_OPEN + activity.id)
    # How st.expander keeps its state (Streamlit 1.67, streamlit/elements/layouts.py `expander`, and the frontend's
    # Expander): with on_change="ignore" and no bind it tracks nothing: every run sends `expanded=` (False) and the
    # browser alone remembers that the user opened it, until the element is drawn anew (then it shows the sent value
    # again), e.g. when a notice above it comes or goes: after one save, Save with a validation error collapsed the form
    # and hid its messages (seen in Chromium). With on_change="rerun" it is a widget: the browser sends its open state
    # under `key`, each run draws it from that state (`.open`), and `st.session_state[key]` set before it is drawn (here
    # by the submit button's callback) opens it. Its label must not change: the browser resets the state when it does.
    with st.expander("Edit the activity", icon=":material/edit:", key=open_key, on_change="rerun"):
        changes = edit_form(activity, tz_name, now, open_key=open_key, disabled=disabled)
        if changes == {}:
            st.info("Nothing to save: the form matches the activity as saved.", icon=":material/info:")
        elif changes:
            _save(connection, activity, changes)


def _save(connection: Connection, activity: MarketingActivity, changes: ActivityChanges) -> None:
    """UpdateMarketingActivity with the changed fields, once per submitted change."""
    result = run_action(
        connection.site_id,
        "update activity",
        lambda: connection.client.update_marketing_activity(activity.id, **changes),
        targets=[activity.id],
        intent=(activity.id, tuple(sorted(changes.items()))),
    )
    if not result.ok:
        show_error(f"The activity was not changed. {result.error}")
        return
    forget_activity()
    if result.repeated:
        notices.post(
            "info",
            "The activity was already saved moments ago; nothing more was sent.",
            about=about(activity.id),
            view=VIEW,
        )
    else:
        notices.post("success", "The activity was saved.", about=about(activity.id), view=VIEW)
    st.rerun()
