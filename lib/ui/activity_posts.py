"""An activity's posts: previews per channel, the regenerate/clear actions (each confirmed first, saying what it
replaces), and the fragment that follows a regeneration until the posts change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import streamlit as st

from lib.display import CHANNEL_NAMES, status_name
from lib.ui import notices, polling, site_state
from lib.ui.actions import ActionResult, run_action
from lib.ui.activity_data import (
    REBUILDING,
    VIEW,
    Fingerprint,
    about,
    forget_activity,
    format_moment,
    posts_fingerprint,
)
from lib.ui.connection import Connection
from lib.ui.polling import Finished, Following, Progress, duration, elapsed, follow, is_following
from lib.ui.requests import ask, drop, dropper, pending
from lib.wix import gaps
from lib.wix.client import WixClient
from lib.wix.models import ActivityPosts, ItemStatus, PostItem

# The pending confirmation of a regenerate or clear: (activity ID, action)
POST_ACTION_REQUEST = site_state.ACTIVITY_POST_ACTION_REQUEST
CARDS_PER_ROW = 3

CHANNEL_ORDER = tuple(CHANNEL_NAMES)
CAPTION_FIRST = frozenset({"FACEBOOK", "LINKEDIN", "TWITTER", "GBP"})  # these feeds show the text above the picture
# icon and colour; the words are the status's display name. str keys: a status is an ItemStatus (a StrEnum, equal to
# and hashed like its value) or the raw text of one this app does not know
STATUS_BADGES: dict[str, tuple[str, Literal["gray", "blue", "green"]]] = {
    ItemStatus.DRAFT: (":material/edit_note:", "gray"),
    ItemStatus.SCHEDULED: (":material/schedule_send:", "blue"),
    ItemStatus.PUBLISHED: (":material/public:", "green"),
}


# --- previews ---------------------------------------------------------------------------------------------------


def _order(item: PostItem) -> tuple[int, str, bool]:
    channel = str(item.channel or "")
    known = CHANNEL_ORDER.index(channel) if channel in CHANNEL_ORDER else len(CHANNEL_ORDER)
    return known, channel, item.is_story


def _card(item: PostItem, tz_name: str) -> None:
    """One post as its channel shows it; everything from the API is rendered as plain text."""
    channel = str(item.channel or "")
    kind = "Story" if item.is_story else "Post"
    if channel in CHANNEL_NAMES:
        st.markdown(f"**{CHANNEL_NAMES[channel]}** · {kind}")
    else:
        st.text(f"{channel or '(no channel)'} · {kind}")
    badge = STATUS_BADGES.get(item.status) if item.status else None
    if badge:
        icon, color = badge
        st.badge(status_name(item.status), icon=icon, color=color)
    else:
        st.text(f"Status: {status_name(item.status) or '(none)'}")
    if item.scheduled_date:  # the view names the zone once, on the activity's date
        st.caption(f"Publishes {format_moment(item.scheduled_date, tz_name, with_zone=False)}")
    caption_first = channel in CAPTION_FIRST and not item.is_story
    if caption_first:
        st.text(item.caption or "(no caption)")
    if item.image_url:
        st.image(item.image_url, width="stretch")
    else:
        st.caption("(no image)")
    if not caption_first:
        st.text(item.caption or "(no caption)")


def render_post_cards(items: list[PostItem], tz_name: str) -> None:
    """The activity's posts as previews, grouped by channel, a bordered card each."""
    ordered = sorted(items, key=_order)
    for start in range(0, len(ordered), CARDS_PER_ROW):
        columns = st.columns(CARDS_PER_ROW)
        for column, item in zip(columns, ordered[start : start + CARDS_PER_ROW], strict=False):
            with column.container(border=True):
                _card(item, tz_name)


# --- what each action replaces ----------------------------------------------------------------------------------


def _count(items: list[PostItem], *, stories: bool = False) -> int:
    return sum(1 for item in items if item.is_draft and (item.is_story or not stories))


def _scheduled(items: list[PostItem]) -> int:
    return sum(1 for item in items if item.status == ItemStatus.SCHEDULED)


def _rebuilds_posts(items: list[PostItem]) -> str:
    return (
        f"Wix writes this activity's posts anew, a new image and every channel's caption (reference M10): its "
        f"**{_count(items)} draft(s)** are replaced."
    )


def _rebuilds_image(items: list[PostItem]) -> str:
    return (
        f"Wix makes a new image for this activity's **{_count(items)} draft(s)**; their captions stay (reference M11)."
    )


def _rebuilds_stories(items: list[PostItem]) -> str:
    return (
        f"Wix rewrites this activity's **{_count(items, stories=True)} story draft(s)** (reference M12). Without a "
        "story draft nothing is regenerated."
    )


def _no_drafts(items: list[PostItem]) -> str | None:
    if any(item.is_draft for item in items):
        return None
    return (
        "This activity has no draft posts, so Wix had no image to regenerate (scheduled and published posts keep "
        "theirs). Generate posts first."
    )


def _no_story_draft(items: list[PostItem]) -> str | None:
    if any(item.is_draft and item.is_story for item in items):
        return None
    return "This activity has no story draft, so Wix regenerated nothing. Only existing story drafts are regenerated."


@dataclass(frozen=True)
class Regeneration:
    """One of the asynchronous per-activity actions and what the screen says about it."""

    button: str
    icon: str
    audit_label: str
    waiting: str
    done: str
    call: Callable[[WixClient, str], ActivityPosts]
    replaces: Callable[[list[PostItem]], str]  # what the confirmation says is rebuilt
    nothing_to_do: Callable[[list[PostItem]], str | None]


REGENERATIONS: dict[str, Regeneration] = {
    "posts": Regeneration(
        "Regenerate posts",
        ":material/refresh:",
        "regenerate activity posts",
        "Writing new posts",
        "New posts are ready. Drafts were replaced; scheduled and published posts were kept.",
        lambda client, activity_id: client.regenerate_marketing_activity_posts(activity_id),
        _rebuilds_posts,
        lambda items: None,
    ),
    "image": Regeneration(
        "Regenerate image",
        ":material/image:",
        "regenerate activity image",
        "Creating a new image",
        "The new image is ready. Captions are unchanged.",
        lambda client, activity_id: client.regenerate_marketing_activity_posts_media(activity_id),
        _rebuilds_image,
        _no_drafts,
    ),
    "stories": Regeneration(
        "Regenerate stories",
        ":material/amp_stories:",
        "regenerate activity stories",
        "Writing a new story",
        "The new story is ready.",
        lambda client, activity_id: client.regenerate_marketing_activity_stories(activity_id),
        _rebuilds_stories,
        _no_story_draft,
    ),
}


# --- following a regeneration -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegenerationJob:
    """A regeneration being followed: which one, the posts' fingerprint before it, and when it started."""

    kind: str
    before: Fingerprint
    started: datetime


def _job_name(activity_id: str) -> str:
    return site_state.ACTIVITY_JOB_PREFIX + activity_id


def regenerating(activity_id: str) -> bool:
    """True while this session follows a regeneration of the activity on the bound site."""
    return is_following(_job_name(activity_id))


def _regenerate(connection: Connection, activity_id: str, kind: str) -> None:
    """Ask Wix to regenerate, then follow the posts unless Wix's snapshot shows nothing will change."""
    spec = REGENERATIONS[kind]
    result = run_action(
        connection.site_id, spec.audit_label, lambda: spec.call(connection.client, activity_id), targets=[activity_id]
    )
    if not result.ok:
        notices.post("error", f"{spec.button} did not start. {result.error}", about=about(activity_id), view=VIEW)
        return
    posts = result.value
    assert posts is not None  # the action ran and returned: spec.call always returns the activity's posts
    if result.repeated and (regenerating(activity_id) or spec.nothing_to_do(posts.items)):
        _already_done(activity_id, f"{spec.button} was already sent moments ago")
    elif reason := spec.nothing_to_do(posts.items):
        notices.post("info", reason, about=about(activity_id), view=VIEW)
    else:  # also a repeat whose first run was cut off before it could follow the posts (see lib/ui/actions.py)
        job = RegenerationJob(kind, posts_fingerprint(posts.items), polling.now())
        site_state.put(_job_name(activity_id), job)


def _already_done(activity_id: str, what: str) -> None:
    """The second submit of an impatient double click: the first one did it, nothing more was sent."""
    notices.post("info", f"{what}; nothing more was sent.", about=about(activity_id), view=VIEW)


def render_regeneration_poller(connection: Connection, activity_id: str, poll_seconds: float, limit: float) -> None:
    """While a regeneration of this activity runs: follow its posts (`lib.ui.polling`) until they change or time runs
    out."""
    following = Following(
        job_name=_job_name(activity_id),
        subject="the posts",
        about=about(activity_id),
        view=VIEW,
        icon=":material/hourglass_top:",
        forget=forget_activity,
        timed_out=_timed_out,
    )
    follow(following, lambda job: _check(connection.client, activity_id, job), poll_seconds, limit)


def _check(client: WixClient, activity_id: str, job: RegenerationJob) -> Progress | Finished:
    """One read of the activity's posts: done once they differ from before the regeneration."""
    spec = REGENERATIONS[job.kind]
    entry = next((e for e in client.get_marketing_activity_posts([activity_id]) if e.activity_id == activity_id), None)
    if entry is None:
        return Finished("warning", "The activity is no longer in the plan, so this page stopped following it.")
    if posts_fingerprint(entry.items) != job.before:
        return Finished("success", spec.done)
    return Progress(f"{spec.waiting}… {elapsed(job, polling.now())} elapsed. This page updates by itself.", job)


def _timed_out(job: RegenerationJob, limit: float) -> Finished:
    return Finished(
        "warning",
        f"{REGENERATIONS[job.kind].button}: nothing changed after {duration(limit)}, so this page stopped checking. "
        "Wix may still finish; reload this activity later.",
    )


# --- the action buttons and their confirmations -----------------------------------------------------------------


def render_post_actions(connection: Connection, activity_id: str, items: list[PostItem], generating: bool) -> None:
    """Regenerate posts / image / stories and clear posts / stories, each asking first; all off while a regeneration
    of this activity is followed or the plan is being rebuilt."""
    off = regenerating(activity_id) or generating
    why = REBUILDING if generating else None
    columns = st.columns(5)
    for column, (kind, spec) in zip(columns, REGENERATIONS.items(), strict=False):
        column.button(
            spec.button,
            icon=spec.icon,
            disabled=off,
            help=why,
            on_click=ask,
            args=(POST_ACTION_REQUEST, (activity_id, kind)),
            width="stretch",
        )
    columns[3].button(
        "Clear posts",
        icon=":material/delete_sweep:",
        disabled=off or not _count(items),
        help=why or "Removes the draft posts and stories; scheduled and published posts stay.",
        on_click=ask,
        args=(POST_ACTION_REQUEST, (activity_id, "clear posts")),
        width="stretch",
    )
    columns[4].button(
        "Clear stories",
        icon=":material/auto_delete:",
        disabled=off or not _count(items, stories=True),
        help=why or "Removes only the story drafts.",
        on_click=ask,
        args=(POST_ACTION_REQUEST, (activity_id, "clear stories")),
        width="stretch",
    )
    request = pending(POST_ACTION_REQUEST)
    if isinstance(request, tuple) and request[0] == activity_id and request[1] in CONFIRMATIONS:
        CONFIRMATIONS[request[1]](connection, activity_id, items, generating)


def _say_scheduled(items: list[PostItem]) -> None:
    """How many of the activity's posts are scheduled, and what the reference (does not) say happens to them."""
    scheduled = _scheduled(items)
    if scheduled:
        st.warning(
            f"**{scheduled}** of its posts are scheduled. {gaps.SCHEDULED_POSTS_OF_REBUILT_ACTIVITIES}",
            icon=":material/schedule_send:",
        )
    else:
        st.caption("None of its posts is scheduled.")


def _confirmation_for(kind: str) -> Callable[[Connection, str, list[PostItem], bool], None]:
    """The confirm dialog of one regeneration: what it rebuilds, then the request on confirm."""
    spec = REGENERATIONS[kind]

    @st.dialog(f"{spec.button}?", on_dismiss=dropper(POST_ACTION_REQUEST))
    def confirm(connection: Connection, activity_id: str, items: list[PostItem], generating: bool) -> None:
        st.write(spec.replaces(items))
        _say_scheduled(items)
        if generating:
            st.info(REBUILDING, icon=":material/hourglass_top:")
            return
        if st.button(f"{spec.button} now", type="primary", icon=spec.icon):
            _regenerate(connection, activity_id, kind)
            drop(POST_ACTION_REQUEST)
            st.rerun()

    return confirm


def _clear(connection: Connection, activity_id: str, stories_only: bool) -> None:
    client = connection.client
    call = client.clear_marketing_activity_stories if stories_only else client.clear_marketing_activity_posts
    label = "clear activity stories" if stories_only else "clear activity posts"
    result: ActionResult[None] = run_action(connection.site_id, label, lambda: call(activity_id), targets=[activity_id])
    what = "story drafts" if stories_only else "draft posts"
    if result.repeated:
        _already_done(activity_id, f"The {what} were already cleared moments ago")
    elif result.ok:
        notices.post("success", f"The {what} were cleared.", about=about(activity_id), view=VIEW)
    else:
        notices.post("error", f"The {what} were not cleared. {result.error}", about=about(activity_id), view=VIEW)
    drop(POST_ACTION_REQUEST)
    forget_activity()
    st.rerun()


@st.dialog("Clear the draft posts?", on_dismiss=dropper(POST_ACTION_REQUEST))
def _confirm_clear_posts(connection: Connection, activity_id: str, items: list[PostItem], generating: bool) -> None:
    """Clearing removes every draft of the activity; ask first."""
    st.write(f"This removes the activity's **{_count(items)} draft(s)**, posts and stories. Scheduled posts stay.")
    if generating:
        st.info(REBUILDING, icon=":material/hourglass_top:")
    elif st.button("Clear posts", type="primary", key="confirm_clear_posts"):
        _clear(connection, activity_id, stories_only=False)


@st.dialog("Clear the story drafts?", on_dismiss=dropper(POST_ACTION_REQUEST))
def _confirm_clear_stories(connection: Connection, activity_id: str, items: list[PostItem], generating: bool) -> None:
    """Clearing stories keeps the posts; ask first."""
    st.write(f"This removes the activity's **{_count(items, stories=True)} story draft(s)**. Its posts stay.")
    if generating:
        st.info(REBUILDING, icon=":material/hourglass_top:")
    elif st.button("Clear stories", type="primary", key="confirm_clear_stories"):
        _clear(connection, activity_id, stories_only=True)


CONFIRMATIONS: dict[str, Callable[[Connection, str, list[PostItem], bool], None]] = {
    **{kind: _confirmation_for(kind) for kind in REGENERATIONS},
    "clear posts": _confirm_clear_posts,
    "clear stories": _confirm_clear_stories,
}
