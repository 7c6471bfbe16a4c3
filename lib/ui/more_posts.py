"""More posts: generate posts for activities that have none, then follow them until they appear."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

import streamlit as st

from lib.flows.more_posts import post_poll_step
from lib.flows.polling import poll_deadline_passed
from lib.flows.scheduling import batches
from lib.ui import notices, site_state
from lib.ui.actions import run_action
from lib.ui.connection import Connection
from lib.ui.readers import forget_plan
from lib.wix import gaps
from lib.wix.errors import WixApiError


@dataclass(frozen=True)
class PostJob:
    """Activities whose posts are being written: all of them, those still without posts, and since when."""

    activity_ids: tuple[str, ...]
    waiting: tuple[str, ...]
    started: datetime


def is_writing_posts() -> bool:
    """True while this session follows a post generation on the bound site."""
    return site_state.get(site_state.POST_POLL) is not None


def start_post_generation(connection: Connection, activity_ids: list[str]) -> None:
    """Button callback: GenerateSocialPosts for the chosen activities (``gaps.GENERATE_POSTS_MAX_IDS`` per call), then
    start following them."""

    def generate() -> None:
        for batch in batches(activity_ids, gaps.GENERATE_POSTS_MAX_IDS):
            connection.client.generate_social_posts(batch)

    result = run_action(connection.site_id, "generate posts", generate, targets=activity_ids)
    if result.ok:
        # Also on a repeat: the run of the first click may have been cut off before it could start following them
        if not is_writing_posts():
            ids = tuple(activity_ids)
            site_state.put(site_state.POST_POLL, PostJob(ids, ids, datetime.now(UTC)))
        forget_plan()  # the activities asked for leave "without posts" selections at once
    else:
        notices.post("error", f"Posts were not generated. {result.error}", about="plan")


def render_post_generation(connection: Connection, poll_seconds: float, limit_seconds: float) -> None:
    """While posts are being written: the fragment that polls them."""
    if is_writing_posts():
        _post_tick(connection, limit_seconds, run_every=poll_seconds)


def _finish(text: str, kind: notices.Kind) -> None:
    site_state.pop(site_state.POST_POLL)
    forget_plan()
    notices.post(kind, text, about="plan", view="plan")
    st.rerun()


def _post_tick(connection: Connection, limit_seconds: float, run_every: float) -> None:
    @st.fragment(run_every=run_every)
    def tick() -> None:
        job: PostJob | None = site_state.get(site_state.POST_POLL)
        if job is None:
            return
        try:
            step = post_poll_step(connection.client, job.waiting)  # only those still waiting: > 100 IDs finish too
        except WixApiError as error:
            st.warning(f"Could not check the new posts ({error.user_message}) Trying again in a moment.")
            return
        job = replace(job, waiting=tuple(step.waiting))
        site_state.put(site_state.POST_POLL, job)
        ready = len(job.activity_ids) - len(job.waiting)
        if step.done:
            _finish(f"New drafts are ready for {ready} activit(ies). Select them below to schedule.", "success")
        if poll_deadline_passed(job.started, datetime.now(UTC), limit_seconds):
            _finish(
                f"{len(job.waiting)} activit(ies) still have no posts after {int(limit_seconds)} s; try again later.",
                "warning",
            )
        st.info(
            f"Writing posts… {ready} of {len(job.activity_ids)} activities have posts so far.",
            icon=":material/edit_note:",
        )

    tick()
