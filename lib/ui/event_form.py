"""The calendar-event form, shared by Create and Edit: a date or a recurring rule, validated before any API call."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import streamlit as st

from lib.flows import validate_event
from lib.wix.models import CalendarEvent, RecurrenceFrequency, RecurringRule

ONE_TIME, RECURRING = "One-time date", "Recurring"


def _utc_midnight(day: date | None) -> datetime | None:
    return datetime.combine(day, time(0, 0), tzinfo=UTC) if day else None


def event_form(key: str, initial: CalendarEvent | None, submit_label: str) -> CalendarEvent | None:
    """Draw the form; on a valid submit return the event to send (full replacement), else None."""
    initial = initial or CalendarEvent()
    rule = initial.recurring_rule
    frequencies = [f.value for f in RecurrenceFrequency]
    with st.form(key):
        name = st.text_input("Name", value=initial.name or "", placeholder="e.g. Summer Sale")
        description = st.text_area("Description", value=initial.description or "")
        kind = st.radio("When", [ONE_TIME, RECURRING], index=1 if rule else 0, horizontal=True)
        one_time_col, rule_col = st.columns(2)
        day = one_time_col.date_input("Date (one-time)", value=initial.date.date() if initial.date else None)
        frequency = rule_col.selectbox(
            "Repeats (recurring)",
            frequencies,
            index=frequencies.index(str(rule.frequency)) if rule and str(rule.frequency) in frequencies else 0,
            format_func=str.capitalize,
        )
        start = rule_col.date_input("Starting", value=rule.start_date.date() if rule and rule.start_date else None)
        end = rule_col.date_input("Until (optional)", value=rule.end_date.date() if rule and rule.end_date else None)
        submitted = st.form_submit_button(submit_label, type="primary")
    if not submitted:
        return None
    recurring = kind == RECURRING
    problems = validate_event(
        name, description, None if recurring else day, frequency if recurring else None, start if recurring else None
    )
    if problems:
        for message in problems.values():
            st.error(message, icon=":material/edit:")
        st.caption("Nothing was saved. Your edits are still in the form.")
        return None
    return CalendarEvent(
        id=initial.id,
        name=name.strip(),
        description=description.strip() or None,
        date=None if recurring else _utc_midnight(day),
        recurring_rule=RecurringRule(frequency, _utc_midnight(start), _utc_midnight(end)) if recurring else None,
    )
