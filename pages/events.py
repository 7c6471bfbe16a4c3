"""Events view: calendar events in a date range (table and month calendar), create, edit, delete, then (re)generate."""

from __future__ import annotations

import functools
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import streamlit as st

from lib.audit import AuditOutcome
from lib.calendar import options as calendar_options
from lib.ui import notices, regenerate, site_state
from lib.ui.actions import read_or_explain, run_action
from lib.ui.activity_data import plain_markdown
from lib.ui.calendar import render_calendar, render_event_pick
from lib.ui.chrome import picked_range, viewer_timezone
from lib.ui.connection import current_connection
from lib.ui.event_form import clear_event_form, event_form
from lib.ui.events_data import events_view
from lib.ui.readers import forget_events, read_events, read_plan
from lib.ui.requests import ask, drop, dropper, pending
from lib.ui.selection import picked_ids
from lib.ui.shell import require_app_shell
from lib.ui.tables import event_columns
from lib.wix.models import CalendarEvent

require_app_shell()

QUERY_CAP = 100

connection = current_connection()
site, client = connection.site_id, connection.client
tz_name = viewer_timezone()
CREATE_FORM = site_state.key(site_state.CREATE_EVENT_FORM)  # per site: a half-typed event stays with its site

st.title("Calendar events")
st.caption("Sales, launches and holidays the AI plans around. They count at the next (re)generation of the plan.")

# What the last action said; after a change, the (re)generation that makes the plan account for it
notices.render("events")
last_notice = notices.current()
if last_notice is not None and last_notice.about == "events" and last_notice.kind == "success":
    snapshot = read_or_explain("the plan status", lambda: read_plan(site, client))
    regenerate.render_offer(connection, snapshot, "with your events")


def say(kind: notices.Kind, text: str, anchor: str | None = None) -> None:
    """This view's result of an action: the site's notice, shown on this view (at the top, or under a form)."""
    notices.post(kind, text, about="events", view="events", anchor=anchor)


# The range and what is in it: the viewer's days. An all-day event is stored as UTC midnight of its day, so the UTC
# span of the picked days holds exactly the events on those days, whatever the viewer's zone (DESIGN.md section 9).
today = datetime.now(ZoneInfo(tz_name)).date()
default_range = (today, today + timedelta(days=60))
picked = st.date_input("Show events between", default_range)
first, last = picked_range(picked, default_range)
start = datetime.combine(first, time.min, tzinfo=UTC)
end = datetime.combine(last, time.max, tzinfo=UTC)
events_read = read_or_explain("calendar events", lambda: read_events(site, start, end, client))
if events_read is None:
    if st.button("Try again", icon=":material/refresh:"):
        forget_events()
        st.rerun()
    st.stop()
events = events_read.events
if len(events) >= QUERY_CAP:
    st.warning(f"Wix returns at most {QUERY_CAP} events per range, so some may be missing. Pick a shorter range.")
frame, calendar_entries = events_view(events_read, tz_name, (first, last))
if not events:
    st.info(
        "No events in these dates. Sales, launches and holidays you add here are planned around at the next "
        "(re)generation of the plan: add one with **New event** below.",
        icon=":material/event_available:",
    )
picked_event_ids = picked_ids(frame, "events_table", selection_mode="single-row", **event_columns())
if calendar_entries:
    st.caption("Each event is on its calendar day in every time zone. Click one to see it.")
    opens_on = max(first, min(today, last))
    click = render_calendar(
        calendar_entries,
        calendar_options(first, last, today, on=opens_on),
        key=f"{site_state.key(site_state.EVENTS_CALENDAR)}:{first}:{last}",  # a new range opens on its first month
        callbacks=["eventClick"],
    )
    if click is not None:
        render_event_pick(click, frame, on_events_view=True)


@st.dialog("Delete the event?", on_dismiss=dropper(site_state.DELETE_EVENT_REQUEST))
def confirm_delete(event_id: str) -> None:
    """Ask before deleting; the plan keeps the event's influence until it is regenerated."""
    st.write("The event is removed from the marketing calendar.")
    if st.button("Delete event", type="primary"):
        result = run_action(site, "delete event", lambda: client.delete_event(event_id), targets=[event_id])
        drop(site_state.DELETE_EVENT_REQUEST)
        forget_events()  # deleted or not, the table is read again and its selection starts empty
        if result.ok:
            say("success", "Event deleted. The plan takes it into account at its next (re)generation.")
        else:
            say("error", f"The event was not deleted. {result.error}")
        st.rerun()


# Create, edit, delete
create_tab, edit_tab = st.tabs(["New event", "Edit or delete the selected event"])
with create_tab:
    new_event = event_form(CREATE_FORM, None, "Create event")
    if new_event is not None:
        new_name = new_event.name
        assert new_name is not None  # event_form returns only a validated event, and that has a name
        result = run_action(
            site,
            "create event",
            functools.partial(client.create_event, new_event),
            targets=[new_name],  # the new event's ID is known only once created: it goes in the outcome
            outcome_of=lambda created: AuditOutcome(True, message=f"Created event ID {created.id}"),
            intent=repr(new_event.to_json()),  # the same event submitted again at once is the same intent
        )
        name = plain_markdown(new_name)
        if result.ok:
            forget_events()
            clear_event_form(CREATE_FORM)
            say("success", f"Event “{name}” created. The plan takes it into account at its next (re)generation.")
            st.rerun()
        say("error", f"The event was not created. {result.error} Your entries are still in the form.", CREATE_FORM)
        st.rerun()
    notices.render("events", anchor=CREATE_FORM)

with edit_tab:
    by_id = {event.id: event for event in events}
    selected: CalendarEvent | None = by_id.get(picked_event_ids[0]) if picked_event_ids else None
    if selected is None:
        st.caption("Select an event in the table to edit or delete it.")
    elif selected.read_only:
        st.info("This event comes from a connected calendar: it is read-only here.", icon=":material/lock:")
    else:
        event_id = selected.id
        assert event_id is not None  # picked by its ID: the table shows "" for an event without one, which finds none
        edit_form = site_state.key(site_state.EDIT_EVENT_FORM_PREFIX + event_id)  # another pick starts afresh
        edited = event_form(edit_form, selected, "Save changes")
        if edited is not None:
            edited_name = edited.name
            assert edited_name is not None  # event_form returns only a validated event, and that has a name
            result = run_action(
                site,
                "update event",
                functools.partial(client.update_event, edited),
                targets=[event_id],  # the edited event keeps the ID of the one it edits
                intent=repr(edited.to_json()),
            )
            if result.ok:
                forget_events()
                say("success", f"Event “{plain_markdown(edited_name)}” updated. It counts at the next (re)generation.")
                st.rerun()
            say("error", f"The event was not changed. {result.error} Your edits are still in the form.", edit_form)
            st.rerun()
        notices.render("events", anchor=edit_form)
        st.button(
            "Delete this event",
            icon=":material/delete:",
            on_click=ask,
            args=(site_state.DELETE_EVENT_REQUEST, event_id),
        )
event_to_delete = pending(site_state.DELETE_EVENT_REQUEST)
if isinstance(event_to_delete, str) and event_to_delete:  # the event ID the button above asked with
    confirm_delete(event_to_delete)
