"""Activity view: one activity (``?activity=<id>``) with its posts per channel, edit, delete, regenerate and clear;
without an ID, a picker and the form for a manual activity."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from lib.audit import AuditOutcome
from lib.flows import is_social
from lib.ui.actions import read_or_explain, run_action, show_error
from lib.ui.activity_data import (
    forget_activity,
    format_moment,
    picker_label,
    plain_markdown,
    read_activity_detail,
    type_label,
)
from lib.ui.activity_form import NewActivity, create_form, edit_form
from lib.ui.activity_posts import (
    notify,
    render_notice,
    render_post_actions,
    render_post_cards,
    render_regeneration_poller,
)
from lib.ui.chrome import viewer_timezone
from lib.ui.connection import current_connection
from lib.ui.readers import PlanSnapshot, read_plan
from lib.ui.requests import ask, drop, dropper, pending
from lib.ui.shell import require_app_shell
from lib.wix.errors import NotFoundError, UnsupportedByApiError, WixApiError
from lib.wix.models import MarketingActivity, PlanStatus

require_app_shell()

QUERY_PARAM = "activity"
PICKER_KEY = "activity_picker"
DELETE_REQUEST_KEY = "delete_activity_request"
UNSUPPORTED_CREATE = "Creating activities is not supported by this API version."

connection = current_connection()
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


def create_activity(new: NewActivity) -> None:
    """CreateMarketingActivity (its URL is a gap-19 assumption); on success open the new activity."""
    unsupported: list[UnsupportedByApiError] = []

    def create() -> MarketingActivity:
        try:
            return client.create_marketing_activity(new.title, new.description, new.target_date, new.activity_type)
        except UnsupportedByApiError as error:
            unsupported.append(error)
            raise

    result = run_action(
        site,
        "create activity",
        create,
        targets=[new.title],  # the new activity's ID is known only once created: it goes in the outcome
        outcome_of=lambda created: AuditOutcome(True, message=f"Created activity ID {created.id}"),
    )
    if unsupported:
        show_error(UNSUPPORTED_CREATE)
        return
    if not result.ok:
        show_error(f"The activity was not created. {result.error}")
        return
    forget_activity()
    notify("success", f"Activity “{plain_markdown(new.title)}” created. It has no posts yet.")
    open_activity(result.value.id)
    st.rerun()


@st.dialog("Delete the activity?", on_dismiss=dropper(DELETE_REQUEST_KEY))
def confirm_delete(activity: MarketingActivity) -> None:
    """Deleting removes the activity and its drafts from the plan; ask first."""
    st.write("This removes the activity from the plan, with its draft posts. Scheduled posts are not affected.")
    st.text(activity.title or "(untitled)")
    if st.button("Delete activity", type="primary", key="confirm_delete_activity"):
        result = run_action(
            site,
            "delete activity",
            lambda: client.delete_plan_marketing_activity(activity.id),
            targets=[activity.id],
        )
        drop(DELETE_REQUEST_KEY)
        forget_activity()
        if result.ok:
            name = plain_markdown(activity.title or activity.id)
            notify("success", f"Activity “{name}” was deleted from the plan.")
            close_activity()
        else:
            notify("error", f"The activity was not deleted. {result.error}")
        st.rerun()


def read_plan_quietly() -> PlanSnapshot | None:
    """The cached plan, or None when it cannot be read (the caller says what it still can)."""
    try:
        return read_plan(site, client)
    except WixApiError:
        return None


st.title("Activity")
render_notice()
activity_id = st.query_params.get(QUERY_PARAM)

# --- no activity chosen: the picker and the form for a manual activity -----------------------------------------
if not activity_id:
    snapshot = read_or_explain("the marketing plan", lambda: read_plan(site, client))
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
    new = create_form(tz_name, now)
    if new is not None:
        create_activity(new)
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
if snapshot is not None and snapshot.plan.status == PlanStatus.GENERATING:
    st.warning("The plan is being regenerated: upcoming activities may be replaced.", icon=":material/hourglass_top:")
st.header(plain_markdown(activity.title or "(untitled)"))
facts = st.columns(2)
facts[0].text(f"When: {format_moment(activity.date, tz_name)}")
facts[1].text(f"Type: {type_label(activity.type)}")
st.text(activity.description or "(no description)")

# Posts per channel, and what can be done with them
st.subheader("Posts")
if is_social(activity):
    render_post_actions(connection, activity.id, detail.posts)
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
with st.expander("Edit the activity", icon=":material/edit:"):
    changes = edit_form(activity, tz_name, now)
    if changes == {}:
        st.info("Nothing changed, so nothing was sent.", icon=":material/info:")
    elif changes:
        result = run_action(
            site,
            "update activity",
            lambda: client.update_marketing_activity(activity.id, **changes),
            targets=[activity.id],
        )
        if result.ok:
            forget_activity()
            notify("success", "The activity was saved.")
            st.rerun()
        show_error(f"The activity was not changed. {result.error}")
st.button("Delete activity", icon=":material/delete:", on_click=ask, args=(DELETE_REQUEST_KEY, activity.id))
if pending(DELETE_REQUEST_KEY) == activity.id:
    confirm_delete(activity)
