"""Plan status at a glance, the generate/regenerate/delete buttons, and the polling fragment."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import streamlit as st

from lib.flows import is_plan_settled, poll_deadline_passed
from lib.ui.actions import run_action, show_error
from lib.ui.activity_data import plain_markdown
from lib.ui.connection import Connection
from lib.ui.readers import READ_TTL_SECONDS, forget_plan, forget_plan_view_reads
from lib.ui.requests import ask, drop, dropper, pending
from lib.wix.errors import PlanAlreadyGeneratingError, WixApiError
from lib.wix.models import PlanStatus

GENERATION_STARTED_KEY = "generation_started_at"
POLL_GAVE_UP_KEY = "generation_poll_gave_up"
NOTICE_KEY = "plan_notice"
DELETE_REQUEST_KEY = "delete_plan_request"

STATUS_TEXT: dict[str, tuple[str, str]] = {
    PlanStatus.NEVER_CREATED: (":material/radio_button_unchecked:", "No plan yet"),
    PlanStatus.GENERATING: (":material/hourglass_top:", "Generating"),
    PlanStatus.ACTIVE: (":material/check_circle:", "Active"),
    PlanStatus.INACTIVE: (":material/pause_circle:", "Inactive — regenerate to reactivate"),
    PlanStatus.FAILED: (":material/error:", "Generation failed — generate again"),
}


def status_label(status: PlanStatus | str) -> str:
    """Icon and words for a plan status; an unknown status is shown as it came."""
    icon, text = STATUS_TEXT.get(status, (":material/help:", f"Unknown status “{plain_markdown(str(status))}”"))
    return f"{icon} {text}"


def render_status(status: PlanStatus | str, checked_at: datetime, tz_name: str) -> None:
    """The status line with the time of the last check, in the viewer's zone, and Refresh: a full rerun that reads the
    plan again. While generating it also registers the polling fragment and its timer afresh, the way on when the
    browser's timer stalls (seen on a slow machine after a double click that Streamlit coalesced into one run)."""
    checked = checked_at.astimezone(ZoneInfo(tz_name)).strftime("%H:%M:%S")
    st.markdown(f"### {status_label(status)}")
    line = st.container(horizontal=True, vertical_alignment="center")
    line.caption(f"Last checked {checked} ({tz_name})", width="content")
    line.button(
        "Refresh",
        icon=":material/refresh:",
        type="tertiary",
        on_click=forget_plan_view_reads,
        help=f"Read the plan from Wix now (the page reads it again by itself after {READ_TTL_SECONDS // 60} minutes).",
    )


def _start(connection: Connection, action: str, label: str, call: Callable[[], object]) -> None:
    """Button callback: one generation request (``action`` names it in the audit log); its outcome lands in the
    page notice."""
    result = run_action(connection.site_id, action, call)
    if result.ok:
        st.session_state[GENERATION_STARTED_KEY] = datetime.now(UTC)
        st.session_state.pop(POLL_GAVE_UP_KEY, None)
        st.session_state[NOTICE_KEY] = ("success", f"{label} started. This page follows it until it finishes.")
    elif isinstance(result.failure, PlanAlreadyGeneratingError):  # e.g. a double click: the first one started it
        st.session_state[NOTICE_KEY] = ("error", result.error)
    else:
        st.session_state[NOTICE_KEY] = ("error", f"{label} did not start. {result.error}")
    forget_plan()


def render_plan_actions(connection: Connection, status: PlanStatus | str) -> None:
    """Generate (no plan yet) or the regenerate variants and Delete; all disabled while generating."""
    client = connection.client
    generating = status == PlanStatus.GENERATING
    row = st.container(horizontal=True)
    if status in (PlanStatus.NEVER_CREATED, PlanStatus.FAILED):
        row.button(
            "Generate plan",
            type="primary",
            icon=":material/auto_awesome:",
            disabled=generating,
            on_click=_start,
            args=(connection, "generate plan", "Plan generation", client.generate_marketing_plan),
        )
    if status != PlanStatus.NEVER_CREATED:
        row.button(
            "Regenerate",
            icon=":material/refresh:",
            disabled=generating,
            on_click=_start,
            args=(connection, "regenerate plan", "Regeneration", client.regenerate_marketing_plan),
        )
        row.button(
            "Regenerate with keyword research",
            icon=":material/travel_explore:",
            disabled=generating,
            help="Use after changing topics: refreshes keyword research, then regenerates.",
            on_click=_start,
            args=(
                connection,
                "regenerate plan with keyword research",
                "Regeneration with keyword research",
                client.regenerate_marketing_plan_with_keyword_research,
            ),
        )
        row.button(
            "Delete plan", icon=":material/delete:", disabled=generating, on_click=ask, args=(DELETE_REQUEST_KEY,)
        )
    if pending(DELETE_REQUEST_KEY):
        _confirm_delete_plan(connection)


@st.dialog("Delete the marketing plan?", on_dismiss=dropper(DELETE_REQUEST_KEY))
def _confirm_delete_plan(connection: Connection) -> None:
    """Deleting removes the plan and all its activities; ask first."""
    st.write("This deletes the plan and **all its activities and drafts**. Scheduled posts are not affected.")
    if st.button("Delete plan", type="primary"):
        result = run_action(connection.site_id, "delete plan", connection.client.delete_marketing_plan)
        st.session_state[NOTICE_KEY] = ("success", "The plan was deleted.") if result.ok else ("error", result.error)
        drop(DELETE_REQUEST_KEY)
        forget_plan()
        st.rerun()


def render_notice() -> None:
    """Show, once, what the last action said."""
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        kind, text = notice
        (st.success if kind == "success" else show_error)(text)


def render_generation_poller(connection: Connection, poll_seconds: float, limit_seconds: float) -> None:
    """While generating: poll once per tick inside a fragment; redraw the page when the plan settles."""
    if st.session_state.get(POLL_GAVE_UP_KEY):
        st.warning(
            f"Still generating after {int(limit_seconds // 60)} minutes, so this page stopped checking. "
            "Wix may still finish; check again later."
        )
        if st.button("Check again", icon=":material/refresh:"):
            st.session_state.pop(POLL_GAVE_UP_KEY, None)
            st.session_state[GENERATION_STARTED_KEY] = datetime.now(UTC)
            forget_plan()
            st.rerun()
        return
    st.session_state.setdefault(GENERATION_STARTED_KEY, datetime.now(UTC))
    _generation_tick(connection, limit_seconds, run_every=poll_seconds)


def _generation_tick(connection: Connection, limit_seconds: float, run_every: float) -> None:
    @st.fragment(run_every=run_every)
    def tick() -> None:
        started: datetime = st.session_state.get(GENERATION_STARTED_KEY, datetime.now(UTC))
        now = datetime.now(UTC)
        elapsed = int((now - started).total_seconds())
        try:
            status = connection.client.get_social_marketing_plan(start=now, end=now).status
        except WixApiError as error:
            st.warning(f"Could not check the plan ({error.user_message}) Trying again in a moment.")
        else:
            if is_plan_settled(status):
                st.session_state.pop(GENERATION_STARTED_KEY, None)
                forget_plan()
                st.rerun()
            if poll_deadline_passed(started, now, limit_seconds):
                st.session_state[POLL_GAVE_UP_KEY] = True
                st.rerun()
            st.info(
                f"Generating your plan… {elapsed // 60}:{elapsed % 60:02d} elapsed. This page updates by itself.",
                icon=":material/hourglass_top:",
            )

    tick()
