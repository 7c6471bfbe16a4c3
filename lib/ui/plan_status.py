"""Plan status at a glance, and the generate/regenerate/delete buttons (following a generation: `lib.ui.regenerate`)."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from lib.display import format_clock_time, plan_status_name
from lib.ui import notices, regenerate, site_state
from lib.ui.actions import run_action
from lib.ui.activity_data import plain_markdown
from lib.ui.connection import Connection
from lib.ui.permissions import needs
from lib.ui.readers import READ_TTL_SECONDS, PlanSnapshot, forget_plan, forget_plan_view_reads
from lib.ui.requests import ask, drop, dropper, pending
from lib.wix import gaps
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


def render_status(status: PlanStatus | str, checked_at: datetime, tz_name: str) -> None:
    """The status line with the time of the last check, in the viewer's zone, and Refresh: a full rerun that reads the
    plan again. While generating it also registers the polling fragment and its timer afresh, the way on when the
    browser's timer stalls (seen on a slow machine after a double click that Streamlit coalesced into one run); the
    fragment then says when it last checked, as every tick checks."""
    st.markdown(f"### {status_label(status)}")
    line = st.container(horizontal=True, vertical_alignment="center")
    if status != PlanStatus.GENERATING:
        line.caption(f"Last checked {format_clock_time(checked_at, tz_name)}", width="content")
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
        refused = needs(regenerate.GENERATE.action)
        row.button(
            "Generate plan",
            type="primary",
            icon=":material/auto_awesome:",
            disabled=generating or refused is not None,
            help=refused,
            on_click=regenerate.start_clicked,
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
            refused = needs(generation.action)
            row.button(
                generation.label,
                icon=icon,
                disabled=generating or refused is not None,
                help=refused or help_text,
                on_click=regenerate.ask_to_regenerate,
                args=(generation,),
            )
        refused = needs("delete plan")
        row.button(
            "Delete plan",
            icon=":material/delete:",
            disabled=generating or refused is not None,
            help=refused,
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
