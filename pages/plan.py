"""Plan view: status, generate/regenerate, polling, activities, post items, calendar of posts, scheduling."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import streamlit as st

from lib.calendar import legend
from lib.display import activity_type_name, channel_name, format_day, format_week, status_name
from lib.exports import frame_csv, plan_ics
from lib.frames import ACTIVITY_COLUMNS, POST_COLUMNS
from lib.roles import REQUEST_SCHEDULE, SCHEDULE
from lib.ui import notices, regenerate, site_state
from lib.ui.actions import read_or_explain
from lib.ui.activity_data import plain_markdown
from lib.ui.calendar import render_calendar, render_posts_pick
from lib.ui.chrome import picked_range, viewer_timezone
from lib.ui.connection import current_connection
from lib.ui.more_posts import is_writing_posts, render_post_generation, start_post_generation
from lib.ui.permissions import approval_on, needs
from lib.ui.plan_data import (
    activities_in_view,
    drafts_in_view,
    plan_period,
    plan_tables,
    posts_calendar,
    posts_in_view,
)
from lib.ui.plan_status import render_no_activities, render_plan_actions, render_status
from lib.ui.readers import forget_plan, read_connected_channels, read_events, read_plan
from lib.ui.scheduling import REBUILDING, ask_to_schedule, cannot_schedule_note, render_schedule_dialog
from lib.ui.selection import picked_ids
from lib.ui.shell import require_app_shell
from lib.ui.tables import activity_columns, post_columns
from lib.ui.url_state import keep_in_url, render_nothing_matches, url_date, url_flag, url_values
from lib.wix.models import PlanStatus

require_app_shell()

connection = current_connection()
site, client, config = connection.site_id, connection.client, connection.config
tz_name = viewer_timezone()

st.title("Marketing plan")
notices.render("plan")  # what the last action said; a failed scheduling run says so even while the plan cannot be read
snapshot = read_or_explain("the marketing plan", lambda: read_plan(site, client))
if snapshot is None:
    if st.button("Try again", icon=":material/refresh:"):
        forget_plan()
        st.rerun()
    st.stop()
plan = snapshot.plan

# Status and the buttons that change it
render_status(plan.status, snapshot.fetched_at, tz_name)
render_plan_actions(connection, snapshot)
generating = plan.status == PlanStatus.GENERATING
regenerate.render_generation_poller(connection, plan.status, config.poll_seconds, config.poll_limit_seconds)
if generating:
    st.caption("The plan is being rebuilt: scheduling and generating posts wait until it is ready.")
if not plan.activities:
    render_no_activities(plan.status)
    st.stop()

tables = plan_tables(snapshot, tz_name)
today = datetime.now(ZoneInfo(tz_name)).date()  # the viewer's day
connected = read_or_explain("the connected channels", lambda: read_connected_channels(site, client)) or frozenset()

# Activities: the filters' widget keys (per site: another site's values may not fit this plan) and the URL parameters
# they are kept in
DATES_KEY, TYPE_KEY, WITHOUT_POSTS_KEY = (site_state.key(name) for name in site_state.ACTIVITY_FILTERS)
ACTIVITY_FILTERS = {DATES_KEY: ("start", "end"), TYPE_KEY: ("type",), WITHOUT_POSTS_KEY: ("without_posts",)}
st.subheader("Activities")
filter_row = st.container(horizontal=True, vertical_alignment="bottom")  # one element (columns draw four)
first_day, last_day = tables.first_day, tables.last_day
date_range = filter_row.date_input(
    "Dates",
    (url_date("start", first_day, first_day, last_day), url_date("end", last_day, first_day, last_day)),
    min_value=first_day,
    max_value=last_day,
    key=DATES_KEY,
)
types = filter_row.multiselect(
    "Type", tables.types, default=url_values("type", tables.types), format_func=activity_type_name, key=TYPE_KEY
)
only_without_posts = filter_row.checkbox("Only without posts", value=url_flag("without_posts"), key=WITHOUT_POSTS_KEY)
period = " to ".join(format_day(day) for day in (first_day, last_day))
st.caption(f"The plan covers {period}; dates outside it have no activities.")
start_day, end_day = picked_range(date_range, (first_day, last_day))
start_filter = start_day if start_day != first_day else None
end_filter = end_day if end_day != last_day else None
shown_activities = activities_in_view(snapshot, tz_name, start_filter, end_filter, tuple(types), only_without_posts)
if shown_activities.empty:
    render_nothing_matches("activities", ACTIVITY_FILTERS)
picked_activities = picked_ids(
    shown_activities, "activities_table", selection_mode="multi-row", **activity_columns(tz_name)
)
titles = dict(zip(shown_activities["id"], shown_activities["title"], strict=True)) if picked_activities else {}
for activity_id in picked_activities[:3]:
    st.page_link(
        "pages/activity.py",
        label=f"Open “{plain_markdown(titles[activity_id])}” to edit it or work on its posts",
        icon=":material/open_in_new:",
        query_params={"activity": activity_id},
    )
eligible = [activity_id for activity_id in picked_activities if activity_id in tables.without_posts]
posts_refused = needs("generate posts")
st.button(
    f"Generate posts for {len(eligible)} selected activit{'y' if len(eligible) == 1 else 'ies'} without posts",
    icon=":material/edit_note:",
    disabled=not eligible or generating or is_writing_posts() or posts_refused is not None,
    help=posts_refused,
    on_click=start_post_generation,
    args=(connection, eligible),
)
render_post_generation(connection, config.poll_seconds, config.poll_limit_seconds)

# Post items: the filters' widget keys (per site) and URL parameters
CHANNEL_KEY, STATUS_KEY, WEEK_KEY = (site_state.key(name) for name in site_state.POST_FILTERS)
POST_FILTERS = {CHANNEL_KEY: ("channel",), STATUS_KEY: ("status",), WEEK_KEY: ("week",)}
st.subheader("Posts")
post_row = st.container(horizontal=True)
channels = post_row.multiselect(
    "Channel",
    tables.channels,
    default=url_values("channel", tables.channels),
    format_func=channel_name,
    key=CHANNEL_KEY,
)
statuses = post_row.multiselect(
    "Status",
    tables.statuses,
    default=url_values("status", tables.statuses),
    format_func=status_name,
    key=STATUS_KEY,
)
url_week = url_values("week", [day.isoformat() for day in tables.weeks])
week = post_row.selectbox(
    "Week",
    [None, *tables.weeks],
    index=1 + tables.weeks.index(date.fromisoformat(url_week[0])) if url_week else 0,
    format_func=lambda monday: "All weeks" if monday is None else format_week(monday),
    key=WEEK_KEY,
)
posts_view = posts_in_view(snapshot, tz_name, tuple(channels), tuple(statuses), week)
shown_posts = posts_view.frame
keep_in_url(
    start=start_filter,
    end=end_filter,
    type=types,
    without_posts=only_without_posts,
    channel=channels,
    status=statuses,
    week=week,
)
if connected:
    names = plain_markdown(", ".join(sorted(channel_name(channel) for channel in connected)))
    st.caption(f"Connected channels: {names}. Drafts for other channels stay drafts.")
if shown_posts.empty and (channels or statuses or week):
    render_nothing_matches("posts", POST_FILTERS)
picked_post_ids = picked_ids(shown_posts, "posts_table", selection_mode="multi-row", **post_columns(tz_name))
drafts_view = drafts_in_view(snapshot, tz_name, posts_view, connected, today)
schedule_row = st.container(horizontal=True, vertical_alignment="center")
schedule_refused = needs(REQUEST_SCHEDULE if approval_on() else SCHEDULE)
for label, post_ids, can_schedule in (
    (f"Schedule {len(picked_post_ids)} selected", picked_post_ids, bool(picked_post_ids)),
    (f"Schedule all {drafts_view.will_schedule} drafts in view", posts_view.draft_ids, bool(drafts_view.will_schedule)),
):
    schedule_row.button(
        label,
        icon=":material/send:",
        disabled=not can_schedule or generating or schedule_refused is not None,
        help=REBUILDING if generating else schedule_refused,
        on_click=ask_to_schedule,
        args=(post_ids,),
    )
if note := cannot_schedule_note(drafts_view):
    schedule_row.caption(note)
render_schedule_dialog(connection, tables.items_by_id, connected, generating, tables.posts, tz_name)

# Calendar of posts: month and week views of the posts the filters keep, with the calendar events; opened on demand
# (the tables come first) and, open or closed, kept in the URL
events_read = read_or_explain("calendar events", lambda: read_events(site, *plan_period(today), client))
events = events_read.events if events_read else []
calendar = st.expander("Calendar of posts", key="calendar", bind="query-params", icon=":material/calendar_month:")
with calendar:
    if calendar.open:
        view = posts_calendar(snapshot, tz_name, tuple(channels), tuple(statuses), week, events_read, today)
        st.caption(
            f"Times in {tz_name}. {legend()}. Grey bars are calendar events. "
            "Click a post to see it in full, or a day to list its posts."
        )
        # keyed by the picked week too: picking one opens the calendar on it (FullCalendar reads its first view once)
        click = render_calendar(view.entries, view.options, key=f"{site_state.key(site_state.POSTS_CALENDAR)}:{week}")
        render_posts_pick(click, plan, shown_posts, view.events, tz_name)

# Exports
st.subheader("Export")
exports = (
    ("Activities (CSV)", lambda: frame_csv(shown_activities, ACTIVITY_COLUMNS), "activities.csv", "text/csv"),
    ("Posts (CSV)", lambda: frame_csv(shown_posts, POST_COLUMNS), "posts.csv", "text/csv"),
    ("Posts and events (.ics)", lambda: plan_ics(plan.activities, events), "marketing-plan.ics", "text/calendar"),
)
export_row = st.container(horizontal=True)
for label, data, file_name, mime in exports:
    export_row.download_button(
        label, data, file_name=file_name, mime=mime, on_click="ignore", icon=":material/download:"
    )
st.caption("The .ics file imports into a team calendar (Google Calendar, Outlook, Apple Calendar).")
