"""Scheduling drafts: a confirm dialog that says what will happen, then ScheduleDrafts in batches, then the result."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.audit import AuditOutcome
from lib.flows import X_SUNSET, ScheduleOutcome, plan_schedule, schedule_drafts
from lib.ui.actions import run_action, show_error
from lib.ui.activity_data import plain_markdown
from lib.ui.connection import Connection
from lib.ui.readers import forget_plan
from lib.ui.requests import drop, dropper, pending
from lib.wix.models import PostItem

OUTCOME_KEY = "schedule_outcome"
REQUEST_KEY = "schedule_request"


def _audit_outcome(outcome: ScheduleOutcome) -> AuditOutcome:
    """One audit entry for all the batches: ok with the counts, or the error of the batch that stopped the run."""
    if outcome.error is None:
        return AuditOutcome(True, message=outcome.summary)
    code = outcome.error.code or type(outcome.error).__name__
    return AuditOutcome(False, code, f"{outcome.summary} {outcome.error.user_message}")


def render_schedule_dialog(connection: Connection, items_by_id: dict[str, PostItem], connected: frozenset[str]) -> None:
    """Open the confirm dialog while a schedule request (a list of item IDs) is pending."""
    item_ids = pending(REQUEST_KEY)
    if item_ids:
        _confirm_schedule(connection, [items_by_id[i] for i in item_ids if i in items_by_id], connected)


@st.dialog("Schedule drafts", width="large", on_dismiss=dropper(REQUEST_KEY))
def _confirm_schedule(connection: Connection, items: list[PostItem], connected: frozenset[str]) -> None:
    """Say how many drafts will be scheduled and which channels are not connected, then schedule on confirm."""
    preview = plan_schedule(items, set(connected))
    st.write(f"**{preview.will_schedule}** draft(s) will be scheduled for publishing.")
    for channel, count in sorted(preview.stay_draft_by_channel.items()):
        name = plain_markdown(channel)  # a channel name as the API sent it
        st.warning(f"{count} draft(s) for **{name}** stay drafts: {name} is not connected to this site.")
    if preview.held_back_x:
        st.warning(
            f"{preview.held_back_x} X (Twitter) draft(s) stay drafts: X takes no posts from Wix after "
            f"{X_SUNSET:%d %B %Y}."
        )
    if preview.ignored:
        st.info(f"{preview.ignored} selected item(s) are not drafts and will be ignored.")
    if preview.will_schedule == 0:
        st.write("Nothing can be scheduled from this selection.")
        return
    if st.button(f"Schedule {preview.will_schedule} draft(s)", type="primary", icon=":material/send:"):
        result = run_action(
            connection.site_id,
            "schedule drafts",
            lambda: schedule_drafts(connection.client, items, set(connected)),
            targets=preview.draft_ids,
            outcome_of=_audit_outcome,
        )
        forget_plan()
        drop(REQUEST_KEY)
        st.session_state[OUTCOME_KEY] = result
        st.rerun()


def render_schedule_outcome() -> None:
    """After scheduling: counts and a result per item (scheduled, left as draft and why, ignored)."""
    result = st.session_state.get(OUTCOME_KEY)
    if result is None:
        return
    if not result.ok:
        show_error(f"Nothing was scheduled. {result.error}")
        return
    outcome = result.value
    (st.success if not outcome.error else st.warning)(f"Scheduling done: {outcome.summary}", icon=":material/send:")
    if outcome.error:
        show_error(f"Scheduling stopped part-way: {outcome.error.user_message} Items not attempted are still drafts.")
    with st.expander("Result per item"):
        frame = pd.DataFrame(
            [{"post": r.item_id, "channel": r.channel, "result": str(r.outcome)} for r in outcome.results]
        )
        st.dataframe(frame, hide_index=True)
    if st.button("Dismiss result"):
        st.session_state.pop(OUTCOME_KEY, None)
        st.rerun()
