"""Activity log view: every action that changed something on Wix, with filters and a CSV download."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import streamlit as st

from lib.audit import OUTCOMES, PENDING, entries_frame, to_csv
from lib.display import DAY_TIME_COLUMN_FORMAT, outcome_name, zone_note
from lib.store.database import StoreError
from lib.ui.actions import current_audit_log, show_error
from lib.ui.chrome import picked_range, viewer_timezone
from lib.ui.shell import require_app_shell

require_app_shell()

DEFAULT_DAYS = 30

tz_name = viewer_timezone()
zone = ZoneInfo(tz_name)

st.title("Activity log")
st.caption(
    "Every action that changed something on Wix: when, who, on which site and IDs, and how it ended. "
    "An action still “pending” was cut short before its outcome was known: check the site to see whether it happened. "
    + zone_note(tz_name)
)
UNREACHABLE = "The activity log could not be opened: the app's database cannot be reached. Tell whoever runs this app."
try:
    audit = current_audit_log()
    choices = audit.choices()
except StoreError:
    show_error(UNREACHABLE)
    st.stop()

today = datetime.now(zone).date()
default_range = (today - timedelta(days=DEFAULT_DAYS), today)
filter_cols = st.columns(4)
picked = filter_cols[0].date_input("Dates", default_range)
first, last = picked_range(picked, default_range)
users = filter_cols[1].multiselect("User", choices["user"])
actions = filter_cols[2].multiselect("Action", choices["action"])
outcomes = filter_cols[3].multiselect("Outcome", OUTCOMES, format_func=outcome_name)
try:
    entries = audit.entries(
        since=datetime.combine(first, time.min, tzinfo=zone),
        until=datetime.combine(last, time.max, tzinfo=zone),
        users=users,
        actions=actions,
        outcomes=outcomes,
    )
except StoreError:
    show_error(UNREACHABLE)
    st.stop()

if not entries:
    st.info("No recorded actions match these filters.", icon=":material/info:")
    st.stop()
pending_count = sum(entry.outcome == PENDING for entry in entries)
if pending_count:
    st.warning(f"{pending_count} action(s) have no recorded outcome: the app stopped while they ran.")

frame = entries_frame(entries)
frame["time"] = frame["time_utc"].dt.tz_convert(tz_name)
frame["outcome_name"] = frame["outcome"].map(outcome_name)
st.dataframe(
    frame,
    key="audit_table",
    hide_index=True,
    column_order=["time", "user", "site", "action", "targets", "outcome_name", "code", "message"],
    column_config={
        "time": st.column_config.DatetimeColumn("Time", format=DAY_TIME_COLUMN_FORMAT),
        "user": "User",
        "site": "Site",
        "action": "Action",
        "targets": st.column_config.TextColumn("Target IDs", width="medium"),
        "outcome_name": "Outcome",
        "code": "Code",
        "message": st.column_config.TextColumn("Message", width="large"),
    },
)
st.download_button(
    f"Download {len(entries)} row(s) as CSV",
    to_csv(entries),
    file_name=f"activity-log-{first.isoformat()}-to-{last.isoformat()}.csv",
    mime="text/csv",
    icon=":material/download:",
)
st.caption("The CSV holds the rows shown, with times in UTC.")
