"""Approvals view (four-eye approval, `[access] approval = true`): the open schedule requests with their posts, each
approved (its drafts are scheduled) or rejected with a reason by a publisher other than the requester; then what was
decided lately, rejections with their reasons."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.approvals import OPEN, ScheduleRequest, stale_reason
from lib.display import format_day
from lib.roles import SCHEDULE_APPROVED
from lib.store.database import StoreError
from lib.ui import notices
from lib.ui.actions import read_or_explain, show_error
from lib.ui.activity_data import format_moment, plain_markdown
from lib.ui.approvals import APPROVALS_VIEW, UNREACHABLE, approve, cannot_decide, current_approvals, reject
from lib.ui.chrome import viewer_timezone
from lib.ui.connection import current_connection
from lib.ui.identity import current_user
from lib.ui.permissions import needs
from lib.ui.readers import PlanSnapshot, read_connected_channels, read_plan
from lib.ui.scheduling import Moments, show_posts
from lib.ui.shell import require_app_shell

require_app_shell()

DECIDED_SHOWN = 20

connection = current_connection()
site, client = connection.site_id, connection.client
tz_name = viewer_timezone()

st.title("Approvals")
st.caption(
    "Requests to schedule drafts. A publisher other than the requester approves one (its drafts are then scheduled, "
    "exactly those) or rejects it with a reason the requester reads here."
)
notices.render(APPROVALS_VIEW)
try:
    requests = current_approvals().requests(site)
except StoreError:
    show_error(UNREACHABLE)
    st.stop()
snapshot = read_or_explain("the marketing plan", lambda: read_plan(site, client))
if snapshot is None:
    st.stop()
connected = read_or_explain("the connected channels", lambda: read_connected_channels(site, client)) or frozenset()
when = Moments.of_plan(snapshot.plan.activities, tz_name)
me = current_user()
not_a_decider = needs(SCHEDULE_APPROVED) or cannot_decide()


def render_request(request: ScheduleRequest, snapshot: PlanSnapshot) -> None:
    """One open request: who asked, when, the note, its posts, and the decision."""
    with st.container(border=True):
        asked = format_moment(request.requested_at, tz_name)
        who = plain_markdown(request.requested_by)
        st.markdown(f"**Request #{request.id}**: {len(request.post_ids)} draft(s), asked by {who}, {asked}")
        if request.note:
            st.caption(f"Note: {plain_markdown(request.note)}")
        wanted = set(request.post_ids)
        posts = [item for item in snapshot.plan.items if item.id in wanted]
        show_posts(posts, when, connected=connected)
        stale = stale_reason(request, snapshot.plan)
        if stale:
            st.warning(f"Stale: {stale} It cannot be approved as it stands; reject it and ask again.")
        own = (
            "You asked for this one: another publisher decides it."
            if request.requested_by.lower() == me.lower()
            else None
        )
        why_not = not_a_decider or own
        row = st.container(horizontal=True, vertical_alignment="bottom")
        if row.button(
            f"Approve and schedule {len(request.post_ids)} draft(s)",
            type="primary",
            icon=":material/send:",
            key=f"approve_{request.id}",
            disabled=bool(why_not or stale),
            help=why_not or stale,
        ):
            approve(connection, request, connected)
            st.rerun()
        reason = row.text_input("Reason to reject", key=f"reason_{request.id}", disabled=bool(why_not), max_chars=300)
        if row.button("Reject", key=f"reject_{request.id}", disabled=bool(why_not), help=why_not):
            reject(request, reason)
            st.rerun()


open_requests = [request for request in requests if request.state == OPEN]
if not open_requests:
    st.info("No open requests. Editors ask for approval from the Plan view's Schedule buttons.", icon=":material/info:")
for request in open_requests:
    render_request(request, snapshot)

decided = [request for request in requests if request.state != OPEN][:DECIDED_SHOWN]
if decided:
    st.subheader("Decided lately")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Request": f"#{request.id}",
                    "Asked by": request.requested_by,
                    "Drafts": len(request.post_ids),
                    "Decision": request.state,
                    "By": request.decided_by or "",
                    "On": format_day(request.decided_at.date()) if request.decided_at else "",
                    "Reason": request.reason or "",
                }
                for request in decided
            ]
        ),
        hide_index=True,
        width="stretch",
    )
