"""Events view: calendar events in a date range (table and timeline), create, edit, delete, then (re)generate."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import streamlit as st

from lib.audit import AuditOutcome
from lib.ui.actions import read_or_explain, run_action, show_error
from lib.ui.activity_data import plain_markdown
from lib.ui.chrome import picked_range, viewer_timezone
from lib.ui.connection import current_connection
from lib.ui.event_form import event_form
from lib.ui.events_data import events_view
from lib.ui.plan_status import NOTICE_KEY as PLAN_NOTICE_KEY
from lib.ui.readers import forget_events, forget_plan, read_events, read_plan
from lib.ui.requests import ask, drop, dropper, pending
from lib.ui.shell import require_app_shell
from lib.ui.tables import SELECTABLE, event_columns
from lib.wix.models import CalendarEvent, PlanStatus

require_app_shell()

QUERY_CAP = 100
CHANGED_KEY = "events_changed"
DELETE_REQUEST_KEY = "delete_event_request"

connection = current_connection()
site, client = connection.site_id, connection.client
tz_name = viewer_timezone()

st.title("Calendar events")
st.caption("Sales, launches and holidays the AI plans around. They count at the next (re)generation of the plan.")

# After a change: offer the (re)generation that makes the plan account for it
changed = st.session_state.get(CHANGED_KEY)
if changed:
    st.success(f"{changed}. The plan takes it into account at its next (re)generation.")
    snapshot = read_or_explain("the plan status", lambda: read_plan(site, client))
    has_plan = snapshot is not None and snapshot.plan.status != PlanStatus.NEVER_CREATED
    label = "Regenerate the plan now" if has_plan else "Generate the plan now"
    generating = snapshot is not None and snapshot.plan.status == PlanStatus.GENERATING
    if st.button(label, type="primary", icon=":material/refresh:", disabled=generating):
        call = client.regenerate_marketing_plan if has_plan else client.generate_marketing_plan
        result = run_action(site, "regenerate plan" if has_plan else "generate plan", call)
        forget_plan()
        if result.ok:
            st.session_state.pop(CHANGED_KEY, None)
            st.session_state[PLAN_NOTICE_KEY] = ("success", "Generation started, with your events.")
            st.switch_page("pages/plan.py")
        show_error(result.error)

# The range and what is in it
today = datetime.now(UTC).date()
picked = st.date_input("Show events between", (today, today + timedelta(days=60)))
first, last = picked_range(picked, (today, today + timedelta(days=60)))
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
frame, timeline = events_view(events_read, tz_name, (first, last))
pick = st.dataframe(frame, key="events_table", selection_mode="single-row", **SELECTABLE, **event_columns(tz_name))
if timeline is not None:
    st.plotly_chart(timeline, key="events_timeline")


@st.dialog("Delete the event?", on_dismiss=dropper(DELETE_REQUEST_KEY))
def confirm_delete(event_id: str) -> None:
    """Ask before deleting; the plan keeps the event's influence until it is regenerated."""
    st.write("The event is removed from the marketing calendar.")
    if st.button("Delete event", type="primary"):
        result = run_action(site, "delete event", lambda: client.delete_event(event_id), targets=[event_id])
        drop(DELETE_REQUEST_KEY)
        if result.ok:
            forget_events()
            st.session_state[CHANGED_KEY] = "Event deleted"
            st.rerun()
        show_error(f"The event was not deleted. {result.error}")


# Create, edit, delete
create_tab, edit_tab = st.tabs(["New event", "Edit or delete the selected event"])
with create_tab:
    new_event = event_form("create_event", None, "Create event")
    if new_event is not None:
        result = run_action(
            site,
            "create event",
            lambda: client.create_event(new_event),
            targets=[new_event.name],  # the new event's ID is known only once created: it goes in the outcome
            outcome_of=lambda created: AuditOutcome(True, message=f"Created event ID {created.id}"),
        )
        if result.ok:
            forget_events()
            st.session_state[CHANGED_KEY] = f"Event “{plain_markdown(new_event.name)}” created"
            st.rerun()
        show_error(f"The event was not created. {result.error}")

with edit_tab:
    by_id = {event.id: event for event in events}
    selected: CalendarEvent | None = (
        by_id.get(frame.iloc[pick.selection.rows[0]]["id"]) if pick.selection.rows else None
    )
    if selected is None:
        st.caption("Select an event in the table to edit or delete it.")
    elif selected.read_only:
        st.info("This event comes from a connected calendar: it is read-only here.", icon=":material/lock:")
    else:
        edited = event_form(f"edit_event_{selected.id}", selected, "Save changes")
        if edited is not None:
            result = run_action(site, "update event", lambda: client.update_event(edited), targets=[edited.id])
            if result.ok:
                forget_events()
                st.session_state[CHANGED_KEY] = f"Event “{plain_markdown(edited.name)}” updated"
                st.rerun()
            show_error(f"The event was not changed. {result.error}")
        st.button("Delete this event", icon=":material/delete:", on_click=ask, args=(DELETE_REQUEST_KEY, selected.id))
if event_to_delete := pending(DELETE_REQUEST_KEY):
    confirm_delete(event_to_delete)
