"""Scheduling drafts: a confirm dialog that says what will happen, then ScheduleDrafts in batches, then the result."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.audit import AuditOutcome
from lib.flows import X_SUNSET, ScheduleOutcome, plan_schedule, schedule_drafts
from lib.ui import notices, site_state
from lib.ui.actions import ActionResult, run_action
from lib.ui.activity_data import plain_markdown
from lib.ui.connection import Connection
from lib.ui.readers import forget_plan
from lib.ui.requests import ask, drop, dropper, pending
from lib.wix.models import PostItem

REBUILDING = "The plan is being rebuilt: scheduling waits until it is ready."


def _audit_outcome(outcome: ScheduleOutcome) -> AuditOutcome:
    """One audit entry for all the batches: ok with the counts, or the error of the batch that stopped the run."""
    if outcome.error is None:
        return AuditOutcome(True, message=outcome.summary)
    code = outcome.error.code or type(outcome.error).__name__
    return AuditOutcome(False, code, f"{outcome.summary} {outcome.error.user_message}")


def ask_to_schedule(item_ids: list[str]) -> None:
    """Button callback: open the confirm dialog for these post item IDs."""
    ask(site_state.SCHEDULE_REQUEST, list(item_ids))


def render_schedule_dialog(
    connection: Connection, items_by_id: dict[str, PostItem], connected: frozenset[str], generating: bool
) -> None:
    """Open the confirm dialog while a schedule request (a list of item IDs) is pending. IDs no longer in the plan
    (regenerated away since the request) are left out, never looked up."""
    item_ids = pending(site_state.SCHEDULE_REQUEST)
    if item_ids:
        _confirm_schedule(connection, [items_by_id[i] for i in item_ids if i in items_by_id], connected, generating)


@st.dialog("Schedule drafts", width="large", on_dismiss=dropper(site_state.SCHEDULE_REQUEST))
def _confirm_schedule(
    connection: Connection, items: list[PostItem], connected: frozenset[str], generating: bool
) -> None:
    """Say how many drafts will be scheduled and which channels are not connected, then schedule on confirm."""
    if generating:
        st.info(REBUILDING, icon=":material/hourglass_top:")
        return
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
            intent=tuple(preview.draft_ids),
        )
        forget_plan()
        drop(site_state.SCHEDULE_REQUEST)
        _say_outcome(result)
        st.rerun()


def _say_outcome(result: ActionResult[ScheduleOutcome]) -> None:
    """The scheduling run's result as the site's notice: counts, and a result per item (scheduled, left as draft and
    why, ignored)."""
    if not result.ok:
        notices.post("error", f"Nothing was scheduled. {result.error}", about="plan")
        return
    outcome = result.value
    if result.repeated:
        notices.post("info", f"These drafts were just scheduled: {outcome.summary}", about="plan")
        return
    extra: tuple[tuple[notices.Kind, str], ...] = ()
    if outcome.error:
        extra = (
            (
                "error",
                f"Scheduling stopped part-way: {outcome.error.user_message} Items not attempted are still drafts.",
            ),
        )
    details = pd.DataFrame(
        [{"post": r.item_id, "channel": r.channel, "result": str(r.outcome)} for r in outcome.results]
    )
    notices.post(
        "warning" if outcome.error else "success",
        f"Scheduling done: {outcome.summary}",
        about="plan",
        view="plan",
        details=details,
        extra=extra,
    )
