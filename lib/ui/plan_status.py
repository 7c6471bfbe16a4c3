"""Plan status at a glance, the generate/regenerate/delete buttons, and the polling fragment."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import streamlit as st

from lib.display import plan_status_name
from lib.flows.polling import is_plan_settled, poll_deadline_passed
from lib.ui import notices, regenerate, site_state
from lib.ui.actions import current_audit_log, run_action
from lib.ui.activity_data import plain_markdown
from lib.ui.chrome import viewer_timezone
from lib.ui.connection import Connection
from lib.ui.readers import READ_TTL_SECONDS, PlanSnapshot, forget_plan, forget_plan_view_reads
from lib.ui.requests import ask, drop, dropper, pending
from lib.wix import gaps
from lib.wix.errors import WixApiError
from lib.wix.models import ItemStatus, PlanStatus

STATUS_ICONS: dict[str, str] = {
    PlanStatus.NEVER_CREATED: ":material/radio_button_unchecked:",
    PlanStatus.GENERATING: ":material/hourglass_top:",
    PlanStatus.ACTIVE: ":material/check_circle:",
    PlanStatus.INACTIVE: ":material/pause_circle:",
    PlanStatus.FAILED: ":material/error:",
}
STATUS_HINTS: dict[str, str] = {PlanStatus.INACTIVE: "regenerate to reactivate", PlanStatus.FAILED: "generate again"}


def status_label(status: PlanStatus | str) -> str:
    """Icon, display name (`lib.display`) and what to do next for a plan status; an unknown status is shown as it
    came."""
    if status not in STATUS_ICONS:
        return f":material/help: Unknown status “{plain_markdown(str(status))}”"
    hint = STATUS_HINTS.get(status)
    return f"{STATUS_ICONS[status]} {plan_status_name(status)}" + (f" — {hint}" if hint else "")


def _clock_time(moment: datetime, tz_name: str) -> str:
    """A moment as the viewer's wall-clock time with its zone, e.g. "14:05:09 (Europe/Berlin)"."""
    return f"{moment.astimezone(ZoneInfo(tz_name)):%H:%M:%S} ({tz_name})"


def render_status(status: PlanStatus | str, checked_at: datetime, tz_name: str) -> None:
    """The status line with the time of the last check, in the viewer's zone, and Refresh: a full rerun that reads the
    plan again. While generating it also registers the polling fragment and its timer afresh, the way on when the
    browser's timer stalls (seen on a slow machine after a double click that Streamlit coalesced into one run); the
    fragment then says when it last checked, as every tick checks."""
    st.markdown(f"### {status_label(status)}")
    line = st.container(horizontal=True, vertical_alignment="center")
    if status != PlanStatus.GENERATING:
        line.caption(f"Last checked {_clock_time(checked_at, tz_name)}", width="content")
    line.button(
        "Refresh",
        icon=":material/refresh:",
        type="tertiary",
        on_click=forget_plan_view_reads,
        help=f"Read the plan from Wix now (the page reads it again by itself after {READ_TTL_SECONDS // 60} minutes).",
    )


def render_no_activities(status: PlanStatus | str) -> None:
    """What stands where the activities go while there are none: with no plan yet, what a plan is, the way to the
    Generate button, and to the views that shape it."""
    if status == PlanStatus.GENERATING:
        st.info("The activities appear here once the generation finishes.", icon=":material/hourglass_top:")
        return
    if status != PlanStatus.NEVER_CREATED:
        st.info("The plan has no activities to show yet.", icon=":material/info:")
        return
    st.info(
        "A marketing plan is a list of marketing activities from today to the end of next month, shaped by your "
        "Settings and your Events, with drafts of social posts for the ones coming up soon. Press **Generate plan** "
        "above to create it, or tailor it first:",
        icon=":material/lightbulb:",
    )
    st.page_link("pages/settings.py", label="Settings: business, audience, tone and channels", icon=":material/tune:")
    st.page_link("pages/events.py", label="Events: sales, launches, holidays to plan around", icon=":material/event:")


def render_plan_actions(connection: Connection, snapshot: PlanSnapshot) -> None:
    """Generate (no plan yet) or the regenerate variants and Delete; all disabled while generating. Every one that
    replaces work asks first (`lib.ui.regenerate`)."""
    status = snapshot.plan.status
    generating = status == PlanStatus.GENERATING
    row = st.container(horizontal=True)
    if status in (PlanStatus.NEVER_CREATED, PlanStatus.FAILED) and not snapshot.plan.activities:
        row.button(
            "Generate plan",
            type="primary",
            icon=":material/auto_awesome:",
            disabled=generating,
            on_click=regenerate.start,
            args=(connection, regenerate.GENERATE),
        )
    if status != PlanStatus.NEVER_CREATED:
        for generation, icon, help_text in (
            (regenerate.REGENERATE, ":material/refresh:", None),
            (
                regenerate.REGENERATE_WITH_RESEARCH,
                ":material/travel_explore:",
                "Use after changing topics: refreshes keyword research, then regenerates.",
            ),
        ):
            row.button(
                generation.label,
                icon=icon,
                disabled=generating,
                help=help_text,
                on_click=regenerate.ask_to_regenerate,
                args=(generation,),
            )
        row.button(
            "Delete plan",
            icon=":material/delete:",
            disabled=generating,
            on_click=ask,
            args=(site_state.DELETE_PLAN_REQUEST,),
        )
    regenerate.render_confirmation(connection, snapshot)
    if pending(site_state.DELETE_PLAN_REQUEST):
        _confirm_delete_plan(connection, snapshot)


@st.dialog("Delete the marketing plan?", on_dismiss=dropper(site_state.DELETE_PLAN_REQUEST))
def _confirm_delete_plan(connection: Connection, snapshot: PlanSnapshot) -> None:
    """Deleting removes the plan and all its activities; ask first, and say what goes with it."""
    items = [item for activity in snapshot.plan.activities for item in activity.items]
    scheduled = sum(1 for item in items if item.status == ItemStatus.SCHEDULED)
    st.write(
        f"This deletes the plan and **all its {len(snapshot.plan.activities)} activities and their "
        f"{len(items)} post(s)**."
    )
    if scheduled:
        st.warning(f"**{scheduled}** of them are scheduled. {gaps.SCHEDULED_POSTS_ON_PLAN_DELETE}")
    if st.button("Delete plan", type="primary"):
        result = run_action(connection.site_id, "delete plan", connection.client.delete_marketing_plan)
        drop(site_state.DELETE_PLAN_REQUEST)
        forget_plan()
        if result.ok:
            notices.post("success", "The plan was deleted.", about="plan", view="plan")
        else:
            notices.post("error", f"The plan was not deleted. {result.error}", about="plan")
        st.rerun()


def render_generation_poller(connection: Connection, poll_seconds: float, limit_seconds: float) -> None:
    """While generating: poll once per tick inside a fragment; redraw the page when the plan settles."""
    if site_state.get(site_state.POLL_GAVE_UP):
        st.warning(
            f"Still generating after {int(limit_seconds // 60)} minutes, so this page stopped checking. "
            "Wix may still finish; check again later."
        )
        if st.button("Check again", icon=":material/refresh:"):
            site_state.pop(site_state.POLL_GAVE_UP)
            site_state.put(site_state.GENERATION_STARTED, datetime.now(UTC))
            forget_plan()
            st.rerun()
        return
    if site_state.get(site_state.GENERATION_STARTED) is None:
        site_state.put(site_state.GENERATION_STARTED, _generation_start(connection.site_id, limit_seconds))
    _generation_tick(connection, limit_seconds, run_every=poll_seconds)


def _generation_start(site_id: str, limit_seconds: float) -> datetime:
    """When the running generation was asked for, as far as this session can tell: the audit log's latest
    (re)generation of the site within the polling limit (a reload starts with an empty session), else now."""
    now = datetime.now(UTC)
    since = now - timedelta(seconds=limit_seconds)
    try:
        started = current_audit_log().latest_start(site_id, regenerate.BY_ACTION, since)
    except sqlite3.Error:
        started = None
    return started or now


def _generation_tick(connection: Connection, limit_seconds: float, run_every: float) -> None:
    @st.fragment(run_every=run_every)
    def tick() -> None:
        now = datetime.now(UTC)
        started: datetime = site_state.get(site_state.GENERATION_STARTED) or now
        elapsed = int((now - started).total_seconds())
        try:
            status = connection.client.get_social_marketing_plan(start=now, end=now).status
        except WixApiError as error:
            st.warning(f"Could not check the plan ({error.user_message}) Trying again in a moment.")
        else:
            if is_plan_settled(status):
                site_state.pop(site_state.GENERATION_STARTED)
                forget_plan()
                _say_settled(status)
                st.rerun()
            if poll_deadline_passed(started, now, limit_seconds):
                site_state.put(site_state.POLL_GAVE_UP, True)
                st.rerun()
            st.info(
                f"Generating your plan… {elapsed // 60}:{elapsed % 60:02d} elapsed, last checked "
                f"{_clock_time(now, viewer_timezone())}. This page updates by itself.",
                icon=":material/hourglass_top:",
            )

    tick()


def _say_settled(status: PlanStatus | str) -> None:
    """The generation's end replaces what was said while it ran (and anything said about the plan before it)."""
    if status == PlanStatus.FAILED:
        notices.post("error", "The generation failed. Generate the plan again.", about="plan", view="plan")
    else:
        notices.post(
            "success", "The plan is ready. Drafts of the new activities can be scheduled.", about="plan", view="plan"
        )
