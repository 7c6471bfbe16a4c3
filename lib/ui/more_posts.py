"""More posts: generate posts for activities that have none, then follow them until they appear."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from lib.flows import batches, poll_deadline_passed, post_poll_step
from lib.ui.actions import run_action
from lib.ui.connection import Connection
from lib.ui.readers import forget_plan
from lib.wix.errors import WixApiError

POST_POLL_KEY = "post_poll"
NOTICE_KEY = "posts_notice"


def start_post_generation(connection: Connection, activity_ids: list[str]) -> None:
    """GenerateSocialPosts for the chosen activities (20 per call), then start following them."""

    def generate() -> None:
        for batch in batches(activity_ids, 20):
            connection.client.generate_social_posts(batch)

    result = run_action(connection.site_id, "generate posts", generate, targets=activity_ids)
    if result.ok:
        st.session_state[POST_POLL_KEY] = {"ids": list(activity_ids), "started": datetime.now(UTC)}
    else:
        st.session_state[NOTICE_KEY] = result.error


def render_post_generation(connection: Connection, poll_seconds: float, limit_seconds: float) -> None:
    """The notice of a failed request, or the fragment that polls the new posts while they are being written."""
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.error(f"Posts were not generated. {notice}", icon=":material/error:")
    if st.session_state.get(POST_POLL_KEY):
        _post_tick(connection, limit_seconds, run_every=poll_seconds)


def _post_tick(connection: Connection, limit_seconds: float, run_every: float) -> None:
    @st.fragment(run_every=run_every)
    def tick() -> None:
        job = st.session_state.get(POST_POLL_KEY)
        if not job:
            return
        now = datetime.now(UTC)
        try:
            step = post_poll_step(connection.client, job["ids"])
        except WixApiError as error:
            st.warning(f"Could not check the new posts ({error.user_message}) Trying again in a moment.")
            return
        if step.done:
            st.session_state.pop(POST_POLL_KEY, None)
            st.session_state[NOTICE_KEY + "_done"] = len(step.ready)
            forget_plan()
            st.rerun()
        if poll_deadline_passed(job["started"], now, limit_seconds):
            st.session_state.pop(POST_POLL_KEY, None)
            st.session_state[NOTICE_KEY] = (
                f"{len(step.waiting)} activit(ies) still have no posts after {int(limit_seconds)} s; try again later."
            )
            forget_plan()
            st.rerun()
        st.info(
            f"Writing posts… {len(step.ready)} of {len(job['ids'])} activities have posts so far.",
            icon=":material/edit_note:",
        )

    tick()


def render_posts_ready_notice() -> None:
    """Say once that the new drafts are there and ready to schedule."""
    ready = st.session_state.pop(NOTICE_KEY + "_done", None)
    if ready is not None:
        st.success(
            f"New drafts are ready for {ready} activit(ies). Select them below to schedule.", icon=":material/task_alt:"
        )
