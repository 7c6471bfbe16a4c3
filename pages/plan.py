"""Plan view: status, generate/regenerate, polling, activities, post items, calendar of posts, scheduling."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import streamlit as st

from lib.exports import frame_csv, plan_ics
from lib.flows import activities_without_posts
from lib.frames import ACTIVITY_COLUMNS, POST_COLUMNS, filter_activities, filter_posts
from lib.timezones import week_start
from lib.ui.actions import read_or_explain
from lib.ui.activity_data import plain_markdown
from lib.ui.chrome import picked_range, viewer_timezone
from lib.ui.connection import current_connection
from lib.ui.more_posts import render_post_generation, render_posts_ready_notice, start_post_generation
from lib.ui.plan_data import calendar_figure, plan_frames, plan_period
from lib.ui.plan_status import render_generation_poller, render_notice, render_plan_actions, render_status
from lib.ui.post_detail import render_post_detail
from lib.ui.readers import forget_plan, read_connected_channels, read_events, read_plan
from lib.ui.requests import ask
from lib.ui.scheduling import REQUEST_KEY as SCHEDULE_REQUEST_KEY
from lib.ui.scheduling import render_schedule_dialog, render_schedule_outcome
from lib.ui.shell import require_app_shell
from lib.ui.url_state import keep_in_url, url_date, url_flag, url_values
from lib.wix.models import PlanStatus

require_app_shell()

connection = current_connection()
site, client, config = connection.site_id, connection.client, connection.config
tz_name = viewer_timezone()

st.title("Marketing plan")
render_notice()
snapshot = read_or_explain("the marketing plan", lambda: read_plan(site, client))
if snapshot is None:
    render_schedule_outcome()  # a scheduling run that just failed says so even while the plan cannot be read
    if st.button("Try again", icon=":material/refresh:"):
        forget_plan()
        st.rerun()
    st.stop()
plan = snapshot.plan

# Status and the buttons that change it
render_status(plan.status, snapshot.fetched_at, tz_name)
render_plan_actions(connection, plan.status)
if plan.status == PlanStatus.GENERATING:
    render_generation_poller(connection, config.poll_seconds, config.poll_limit_seconds)
if not plan.activities:
    st.info("The plan has no activities to show yet.", icon=":material/info:")
    st.stop()

activities_df, posts_df = plan_frames(site, snapshot.fetched_at, tz_name, snapshot)
connected = read_or_explain("the connected channels", lambda: read_connected_channels(site, client)) or frozenset()

# Activities
st.subheader("Activities")
filter_cols = st.columns([2, 2, 1])
first_day, last_day = activities_df["date"].min().date(), activities_df["date"].max().date()
type_options = sorted(activities_df["type"].dropna().unique())
date_range = filter_cols[0].date_input(
    "Dates",
    (url_date("start", first_day, first_day, last_day), url_date("end", last_day, first_day, last_day)),
    min_value=first_day,
    max_value=last_day,
)
types = filter_cols[1].multiselect("Type", type_options, default=url_values("type", type_options))
only_without_posts = filter_cols[2].checkbox("Only without posts", value=url_flag("without_posts"))
start_day, end_day = picked_range(date_range, (first_day, last_day))
shown_activities = filter_activities(activities_df, start_day, end_day, types, only_without_posts)
activity_pick = st.dataframe(
    shown_activities,
    key="activities_table",
    on_select="rerun",
    selection_mode="multi-row",
    hide_index=True,
    column_order=["date", "title", "type", "posts", "post_statuses", "description"],
    column_config={"date": st.column_config.DatetimeColumn(f"Date ({tz_name})", format="ddd D MMM, HH:mm")},
)
picked_ids = shown_activities.iloc[activity_pick.selection.rows]["id"].tolist()
for activity_id, title in shown_activities.set_index("id").loc[picked_ids[:3], "title"].items():
    st.page_link(
        "pages/activity.py",
        label=f"Open “{plain_markdown(title)}” to edit it or work on its posts",
        icon=":material/open_in_new:",
        query_params={"activity": activity_id},
    )
without_posts = {a.id for a in activities_without_posts(plan.activities)}
eligible = [activity_id for activity_id in picked_ids if activity_id in without_posts]
st.button(
    f"Generate posts for {len(eligible)} selected activit{'y' if len(eligible) == 1 else 'ies'} without posts",
    icon=":material/edit_note:",
    disabled=not eligible or "post_poll" in st.session_state,
    on_click=start_post_generation,
    args=(connection, eligible),
)
render_post_generation(connection, config.poll_seconds, config.poll_limit_seconds)
render_posts_ready_notice()

# Post items
st.subheader("Posts")
post_cols = st.columns(3)
channel_options = sorted(posts_df["channel"].dropna().unique())
status_options = sorted(posts_df["status"].dropna().unique())
week_options = sorted({week_start(day) for day in posts_df["date"].dropna().dt.date})
channels = post_cols[0].multiselect("Channel", channel_options, default=url_values("channel", channel_options))
statuses = post_cols[1].multiselect("Status", status_options, default=url_values("status", status_options))
url_week = url_values("week", [day.isoformat() for day in week_options])
week = post_cols[2].selectbox(
    "Week",
    [None, *week_options],
    index=1 + week_options.index(date.fromisoformat(url_week[0])) if url_week else 0,
    format_func=lambda monday: "All weeks" if monday is None else f"Week of {monday:%a %d %b}",
)
shown_posts = filter_posts(posts_df, channels, statuses, week)
keep_in_url(
    start=start_day if start_day != first_day else None,
    end=end_day if end_day != last_day else None,
    type=types,
    without_posts=only_without_posts,
    channel=channels,
    status=statuses,
    week=week,
)
if connected:
    names = plain_markdown(", ".join(sorted(connected)))
    st.caption(f"Connected channels: {names}. Drafts for other channels stay drafts.")
post_pick = st.dataframe(
    shown_posts,
    key="posts_table",
    on_select="rerun",
    selection_mode="multi-row",
    hide_index=True,
    column_order=["date", "channel", "status", "type", "caption", "image", "activity"],
    column_config={
        "date": st.column_config.DatetimeColumn(f"Date ({tz_name})", format="ddd D MMM, HH:mm"),
        "image": st.column_config.ImageColumn("Image"),
        "caption": st.column_config.TextColumn("Caption", width="large"),
    },
)
picked_post_ids = set(shown_posts.iloc[post_pick.selection.rows]["id"])
items_by_id = {item.id: item for item in plan.items}
picked_items = [items_by_id[i] for i in picked_post_ids if i in items_by_id]
drafts_in_view = [items_by_id[i] for i in shown_posts.loc[shown_posts["status"] == "DRAFT", "id"] if i in items_by_id]
schedule_cols = st.columns(2)
schedule_cols[0].button(
    f"Schedule {len(picked_items)} selected",
    icon=":material/send:",
    disabled=not picked_items,
    on_click=ask,
    args=(SCHEDULE_REQUEST_KEY, [item.id for item in picked_items]),
)
schedule_cols[1].button(
    f"Schedule all {len(drafts_in_view)} drafts in view",
    icon=":material/send:",
    disabled=not drafts_in_view,
    on_click=ask,
    args=(SCHEDULE_REQUEST_KEY, [item.id for item in drafts_in_view]),
)
render_schedule_dialog(connection, items_by_id, connected)
render_schedule_outcome()

# Calendar of posts
st.subheader("Calendar")
today = datetime.now(ZoneInfo(tz_name)).date()
events = read_or_explain("calendar events", lambda: read_events(site, *plan_period(today), client)) or []
view = (tuple(channels), tuple(statuses), week)
event_ids = tuple(event.id for event in events)
figure = calendar_figure(site, snapshot.fetched_at, tz_name, view, event_ids, today, shown_posts, events)
calendar_pick = st.plotly_chart(figure, key="posts_calendar", on_select="rerun", selection_mode="points")
clicked = [point["customdata"] for point in calendar_pick.selection.points if point.get("customdata")]
render_post_detail(plan, clicked[0] if clicked else None, tz_name)

# Exports
st.subheader("Export")
export_cols = st.columns(3)
export_cols[0].download_button(
    "Activities (CSV)",
    lambda: frame_csv(shown_activities, ACTIVITY_COLUMNS),
    file_name="activities.csv",
    mime="text/csv",
    on_click="ignore",
    icon=":material/download:",
)
export_cols[1].download_button(
    "Posts (CSV)",
    lambda: frame_csv(shown_posts, POST_COLUMNS),
    file_name="posts.csv",
    mime="text/csv",
    on_click="ignore",
    icon=":material/download:",
)
export_cols[2].download_button(
    "Posts and events (.ics)",
    lambda: plan_ics(plan.activities, events),
    file_name="marketing-plan.ics",
    mime="text/calendar",
    on_click="ignore",
    icon=":material/calendar_add_on:",
    help="Import into a team calendar (Google Calendar, Outlook, Apple Calendar).",
)
