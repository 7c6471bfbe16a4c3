"""More posts: generate posts for activities that have none, then follow them until they appear."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from lib.flows.more_posts import post_poll_step
from lib.flows.scheduling import batches
from lib.ui import notices, polling, site_state
from lib.ui.actions import run_action
from lib.ui.connection import Connection
from lib.ui.polling import Finished, Following, Progress, duration, follow, is_following
from lib.ui.readers import forget_plan
from lib.wix import gaps
from lib.wix.client import WixClient


@dataclass(frozen=True)
class PostJob:
    """Activities whose posts are being written: all of them, those still without posts, and since when."""

    activity_ids: tuple[str, ...]
    waiting: tuple[str, ...]
    started: datetime


def is_writing_posts() -> bool:
    """True while this session follows a post generation on the bound site."""
    return is_following(site_state.POST_POLL)


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
            site_state.put(site_state.POST_POLL, PostJob(ids, ids, polling.now()))
        forget_plan()  # the activities asked for leave "without posts" selections at once
    else:
        notices.post("error", f"Posts were not generated. {result.error}", about="plan")


def _check(client: WixClient, job: PostJob) -> Progress | Finished:
    """One read of the posts of the activities still waiting (only those: over 100 IDs finish too)."""
    step = post_poll_step(client, job.waiting)
    job = replace(job, waiting=tuple(step.waiting))
    ready = len(job.activity_ids) - len(job.waiting)
    if step.done:
        return Finished("success", f"New drafts are ready for {ready} activit(ies). Select them below to schedule.")
    return Progress(f"Writing posts… {ready} of {len(job.activity_ids)} activities have posts so far.", job)


def _timed_out(job: PostJob, limit: float) -> Finished:
    return Finished(
        "warning", f"{len(job.waiting)} activit(ies) still have no posts after {duration(limit)}; try again later."
    )


FOLLOWING = Following(
    job_name=site_state.POST_POLL,
    subject="the new posts",
    about="plan",
    view="plan",
    icon=":material/edit_note:",
    forget=forget_plan,
    timed_out=_timed_out,
)


def render_post_generation(connection: Connection, poll_seconds: float, limit_seconds: float) -> None:
    """While posts are being written: the fragment that follows them (`lib.ui.polling`)."""
    follow(FOLLOWING, lambda job: _check(connection.client, job), poll_seconds, limit_seconds)
