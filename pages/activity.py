"""Activity view: one activity (``?activity=<id>``) with its posts per channel, edit, delete, regenerate and clear;
without an ID, a picker and the form for a manual activity. While the plan is being rebuilt, nothing here writes."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from lib.flows.more_posts import is_social
from lib.ui import notices, site_state
from lib.ui.actions import read_or_explain, run_action, show_error
from lib.ui.activity_data import (
    REBUILDING,
    VIEW,
    about,
    forget_activity,
    format_moment,
    picker_label,
    plain_markdown,
    read_activity_detail,
    type_label,
)
from lib.ui.activity_form import create_activity, create_form, render_edit
from lib.ui.activity_posts import render_post_actions, render_post_cards, render_regeneration_poller
from lib.ui.chrome import viewer_timezone
from lib.ui.connection import current_connection
from lib.ui.readers import PlanSnapshot, read_plan
from lib.ui.requests import ask, drop, dropper, pending
from lib.ui.shell import require_app_shell
from lib.wix import gaps
from lib.wix.errors import NotFoundError, WixApiError
from lib.wix.models import ItemStatus, MarketingActivity, PlanStatus, PostItem

require_app_shell()

QUERY_PARAM = "activity"

connection = current_connection()
PICKER_KEY = site_state.key(site_state.ACTIVITY_PICKER)  # per site: the pick names one site's activity
site, client, config = connection.site_id, connection.client, connection.config
tz_name = viewer_timezone()
now = datetime.now(UTC)


def open_activity(activity_id: str) -> None:
    """Show this activity (the ID goes in the URL, so the link opens the same screen)."""
    st.query_params[QUERY_PARAM] = activity_id


def close_activity() -> None:
    """Back to the picker."""
    st.query_params.pop(QUERY_PARAM, None)


def on_pick() -> None:
    picked = st.session_state.get(PICKER_KEY)
    if picked:
        open_activity(picked)


def read_plan_quietly() -> PlanSnapshot | None:
    """The cached plan, or None when it cannot be read (the caller says what it still can)."""
    try:
        return read_plan(site, client)
    except WixApiError:
        return None


def show_rebuilding() -> None:
    """Why nothing here can be changed now, and a way to look again."""
    st.warning(REBUILDING, icon=":material/hourglass_top:")
    st.button("Check again", icon=":material/refresh:", type="tertiary", on_click=forget_activity)


@st.dialog("Delete the activity?", on_dismiss=dropper(site_state.DELETE_ACTIVITY_REQUEST))
def confirm_delete(activity: MarketingActivity, items: list[PostItem], generating: bool) -> None:
    """Deleting removes the activity and its posts from the plan; say what goes, then ask."""
    drafts = sum(1 for item in items if item.is_draft)
    scheduled = sum(1 for item in items if item.status == ItemStatus.SCHEDULED)
    st.write(f"This removes the activity from the plan, with its **{drafts} draft(s)**.")
    st.text(activity.title or "(untitled)")
    if scheduled:
        st.warning(f"**{scheduled}** of its posts are scheduled. {gaps.SCHEDULED_POSTS_OF_DELETED_ACTIVITY}")
    if generating:
        st.info(REBUILDING, icon=":material/hourglass_top:")
    elif st.button("Delete activity", type="primary", key="confirm_delete_activity"):
        delete(activity)


def delete(activity: MarketingActivity) -> None:
    """DeletePlanMarketingActivity; its outcome is the notice of the view it leads to."""
    result = run_action(
        site, "delete activity", lambda: client.delete_plan_marketing_activity(activity.id), targets=[activity.id]
    )
    drop(site_state.DELETE_ACTIVITY_REQUEST)
    forget_activity()
    name = plain_markdown(activity.title or activity.id)
    if result.ok:
        done = "was already deleted moments ago; nothing more was sent" if result.repeated else "was deleted"
        notices.post("success", f"Activity “{name}” {done} from the plan.", about=about(activity.id), view=VIEW)
        close_activity()
    else:
        notices.post("error", f"The activity was not deleted. {result.error}", about=about(activity.id), view=VIEW)
    st.rerun()


st.title("Activity")
notices.render(VIEW)
activity_id = st.query_params.get(QUERY_PARAM)

# --- no activity chosen: the picker and the form for a manual activity -----------------------------------------
if not activity_id:
    snapshot = read_or_explain("the marketing plan", lambda: read_plan(site, client))
    generating = snapshot is not None and snapshot.plan.status == PlanStatus.GENERATING
    activities = sorted(
        snapshot.plan.activities if snapshot else [], key=lambda a: (a.date or datetime.max.replace(tzinfo=UTC), a.id)
    )
    if activities:
        by_id = {a.id: a for a in activities}
        st.selectbox(
            "Open an activity",
            list(by_id),
            index=None,
            key=PICKER_KEY,
            placeholder=f"Choose one of {len(activities)} upcoming activities",
            format_func=lambda i: picker_label(by_id[i], tz_name),
            on_change=on_pick,
        )
    elif snapshot is not None:
        st.info("The plan has no upcoming activities yet.", icon=":material/info:")
    st.page_link("pages/plan.py", label="Back to the plan", icon=":material/calendar_month:")
    st.subheader("New activity")
    st.caption("Add your own activity to the plan. It starts without posts.")
    if generating:
        show_rebuilding()
    new = create_form(tz_name, now, disabled=generating)
    if new is not None and (created := create_activity(connection, new)) is not None:
        open_activity(created.id)
        st.rerun()
    st.stop()

# --- one activity -----------------------------------------------------------------------------------------------
st.button("Choose another activity", icon=":material/arrow_back:", on_click=close_activity)
snapshot = read_plan_quietly()
try:
    detail = read_activity_detail(site, activity_id, snapshot.fetched_at if snapshot else None, client)
except NotFoundError:
    st.warning(
        "This activity is not in the plan any more: it was deleted, or a regeneration replaced it.",
        icon=":material/search_off:",
    )
    st.stop()
except WixApiError as error:
    show_error(f"Could not load the activity. {error.user_message}")
    if st.button("Try again", icon=":material/refresh:"):
        forget_activity()
        st.rerun()
    st.stop()

activity = detail.activity
generating = snapshot is not None and snapshot.plan.status == PlanStatus.GENERATING
if generating:
    show_rebuilding()
st.header(plain_markdown(activity.title or "(untitled)"))
facts = st.columns(2)
facts[0].text(f"When: {format_moment(activity.date, tz_name)}")
facts[1].text(f"Type: {type_label(activity.type)}")
st.text(activity.description or "(no description)")

# Posts per channel, and what can be done with them
st.subheader("Posts")
if is_social(activity):
    render_post_actions(connection, activity.id, detail.posts, generating)
    render_regeneration_poller(connection, activity.id, config.poll_seconds, config.poll_limit_seconds)
    if detail.posts:
        render_post_cards(detail.posts, tz_name)
    else:
        st.info("No posts yet. Use Regenerate posts to have Wix write them.", icon=":material/edit_note:")
else:
    st.caption(f"{type_label(activity.type)} activities have no social posts.")
    if detail.posts:
        render_post_cards(detail.posts, tz_name)

# Edit and delete
render_edit(connection, activity, tz_name, now, disabled=generating)
st.button(
    "Delete activity",
    icon=":material/delete:",
    disabled=generating,
    help=REBUILDING if generating else None,
    on_click=ask,
    args=(site_state.DELETE_ACTIVITY_REQUEST, activity.id),
)
if pending(site_state.DELETE_ACTIVITY_REQUEST) == activity.id:
    confirm_delete(activity, detail.posts, generating)
