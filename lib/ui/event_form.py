"""The calendar-event form, shared by Create and Edit: a date or a recurring rule, validated before any API call.

The "When" choice sits outside the `st.form` (a widget inside a form does not rerun the page), so only the fields of
the chosen kind are drawn. Every widget has a key derived from the form's key, so typed values survive that switch
and a validation error; `clear_event_form` starts a form afresh after a successful create. Days are calendar days,
sent as UTC midnight (the wire form Wix uses for all-day values) and read back as their UTC date.
"""

from __future__ import annotations

import hashlib
import json
import time as clock
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Final

import streamlit as st

from lib.flows.validation import past_event_warning, validate_event
from lib.frames import calendar_day
from lib.timezones import resolve_zone
from lib.ui.chrome import viewer_timezone
from lib.ui.permissions import needs
from lib.wix.models import CalendarEvent, RecurrenceFrequency, RecurringRule

ONE_TIME, RECURRING = "One-time date", "Recurring"
FREQUENCIES = [f.value for f in RecurrenceFrequency]
HIDDEN_KEEPS: Final = "page"  # a field of the kind not chosen keeps its value while hidden (`persist_state`)
SECOND_CLICK_SECONDS = 3.0  # an empty submit this soon after a create is that create's impatient second click


def _utc_midnight(day: date | None) -> datetime | None:
    return datetime.combine(day, time(0, 0), tzinfo=UTC) if day else None


def _day(value: datetime | None) -> date | None:
    return calendar_day(value) if value else None


def _generation_key(key: str) -> str:
    return f"{key}__generation"


def _cleared_at_key(key: str) -> str:
    return f"{key}__cleared_at"


def _field_keys(key: str, initial: CalendarEvent) -> Callable[[str], str]:
    """Widget keys of the form: per form, per generation (bumped by `clear_event_form`) and per version of the edited
    event, so an event changed since it was last drawn brings fresh fields instead of the old ones."""
    generation = st.session_state.get(_generation_key(key), 0)
    version = hashlib.sha256(json.dumps(initial.to_json(), sort_keys=True).encode()).hexdigest()[:12]
    return lambda field: f"{key}__{generation}__{version}__{field}"


def clear_event_form(key: str) -> None:
    """Start form ``key`` afresh on the next run (call it after a successful create): every field and the "When"
    choice. New widget keys, because a browser keeps showing what it last had under a key it already knows."""
    generation = st.session_state.get(_generation_key(key), 0)
    for name in [name for name in st.session_state if str(name).startswith(f"{key}__")]:
        del st.session_state[name]
    st.session_state[_generation_key(key)] = generation + 1
    st.session_state[_cleared_at_key(key)] = clock.monotonic()


def _stray_second_click(key: str, *values: object) -> bool:
    """An untouched form submitted right after it was cleared: the second click of a double click on the create
    that just succeeded, not a request to be told what is missing."""
    cleared_at = st.session_state.get(_cleared_at_key(key))
    untouched = not any(value.strip() if isinstance(value, str) else value for value in values)
    return untouched and cleared_at is not None and clock.monotonic() - cleared_at < SECOND_CLICK_SECONDS


def _viewer_today() -> date:
    return datetime.now(resolve_zone(viewer_timezone())).date()


def _first_day(event: CalendarEvent) -> date | None:
    """The day an existing event starts on: its date, or its rule's first occurrence."""
    return _day(event.recurring_rule.start_date if event.recurring_rule else event.date)


def _over_warning(event: CalendarEvent, today: date) -> str | None:
    """For an existing event that is over (its day, or its rule's end, before today): what that means."""
    if event.id is None:
        return None
    rule = event.recurring_rule
    return past_event_warning(None if rule else _day(event.date), _day(rule.end_date) if rule else None, today)


def _recurring_fields(rule: RecurringRule | None, field: Callable[[str], str]) -> tuple[str, date | None, date | None]:
    """Repeats, Starting and Until (optional)."""
    frequency = st.selectbox(
        "Repeats (recurring)",
        FREQUENCIES,
        index=FREQUENCIES.index(str(rule.frequency)) if rule and str(rule.frequency) in FREQUENCIES else 0,
        format_func=str.capitalize,
        key=field("frequency"),
        persist_state=HIDDEN_KEEPS,
    )
    start_col, end_col = st.columns(2)
    start = start_col.date_input(
        "Starting", value=_day(rule.start_date) if rule else None, key=field("start"), persist_state=HIDDEN_KEEPS
    )
    end = end_col.date_input(
        "Until (optional)", value=_day(rule.end_date) if rule else None, key=field("end"), persist_state=HIDDEN_KEEPS
    )
    return frequency, start, end


def _show_problems(problems: dict[str, str]) -> None:
    for message in problems.values():
        st.error(message, icon=":material/edit:")
    st.caption("Nothing was saved. Your edits are still in the form.")


def event_form(key: str, initial: CalendarEvent | None, submit_label: str) -> CalendarEvent | None:
    """Draw the form; on a valid submit return the event to send (full replacement), else None.

    A new event cannot start before the viewer's today; an edited one may keep the past day it has (with a warning).
    """
    initial = initial or CalendarEvent()
    field = _field_keys(key, initial)
    today = _viewer_today()
    with st.container(border=True):
        if warning := _over_warning(initial, today):
            st.warning(warning, icon=":material/history:")
        kind = st.radio(
            "When", [ONE_TIME, RECURRING], index=1 if initial.recurring_rule else 0, horizontal=True, key=field("kind")
        )
        recurring = kind == RECURRING
        # Keyed like its fields: a click on the button of the form before it was cleared never submits the new one
        with st.form(field("form"), border=False):
            name = st.text_input("Name", value=initial.name or "", placeholder="e.g. Summer Sale", key=field("name"))
            description = st.text_area("Description", value=initial.description or "", key=field("description"))
            day, frequency, start, end = None, None, None, None
            if recurring:
                frequency, start, end = _recurring_fields(initial.recurring_rule, field)
            else:
                day = st.date_input(
                    "Date (one-time)", value=_day(initial.date), key=field("date"), persist_state=HIDDEN_KEEPS
                )
            # At the right: a date field's calendar drops down at the left and would cover a button under it
            cannot_edit = needs("create event")  # every event change needs the editor role
            submitted = st.container(horizontal=True, horizontal_alignment="right").form_submit_button(
                submit_label, type="primary", disabled=cannot_edit is not None, help=cannot_edit
            )
        if not submitted or _stray_second_click(key, name, description, day, start, end):
            return None
        kept_day = _first_day(initial) if initial.id else None
        problems = validate_event(name, description, day, frequency, start, end, today=today, kept_day=kept_day)
        if problems:
            _show_problems(problems)
            return None
    return CalendarEvent(
        id=initial.id,
        name=name.strip(),
        description=description.strip() or None,
        date=None if recurring else _utc_midnight(day),
        recurring_rule=RecurringRule(frequency, _utc_midnight(start), _utc_midnight(end)) if recurring else None,
    )
