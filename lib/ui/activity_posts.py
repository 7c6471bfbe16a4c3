"""An activity's posts: previews per channel, the regenerate/clear actions, and the fragment that follows a regeneration
until the posts change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import streamlit as st

from lib.flows import poll_deadline_passed
from lib.ui.actions import run_action, show_error
from lib.ui.activity_data import Fingerprint, forget_activity, format_moment, posts_fingerprint
from lib.ui.connection import Connection
from lib.ui.requests import ask, drop, dropper, pending
from lib.wix.client import WixClient
from lib.wix.errors import WixApiError
from lib.wix.models import ActivityPosts, ItemStatus, PostItem

NOTICE_KEY = "activity_notice"
CLEAR_POSTS_REQUEST_KEY = "clear_activity_posts_request"
CLEAR_STORIES_REQUEST_KEY = "clear_activity_stories_request"
JOB_KEY_PREFIX = "activity_regeneration:"
CARDS_PER_ROW = 3

CHANNEL_NAMES = {
    "INSTAGRAM": "Instagram",
    "FACEBOOK": "Facebook",
    "LINKEDIN": "LinkedIn",
    "TWITTER": "X (Twitter)",
    "PINTEREST": "Pinterest",
    "GBP": "Google Business Profile",
    "TIKTOK": "TikTok",
    "YOUTUBE": "YouTube",
}
CHANNEL_ORDER = tuple(CHANNEL_NAMES)
CAPTION_FIRST = frozenset({"FACEBOOK", "LINKEDIN", "TWITTER", "GBP"})  # these feeds show the text above the picture
STATUS_BADGES = {
    ItemStatus.DRAFT: ("Draft", ":material/edit_note:", "gray"),
    ItemStatus.SCHEDULED: ("Scheduled", ":material/schedule_send:", "blue"),
    ItemStatus.PUBLISHED: ("Published", ":material/public:", "green"),
}


# --- notices ----------------------------------------------------------------------------------------------------


def notify(kind: str, text: str) -> None:
    """Keep a message for the next run of the Activity view (``success``, ``info``, ``warning`` or ``error``)."""
    st.session_state[NOTICE_KEY] = (kind, text)


def render_notice() -> None:
    """Show, once, what the last action said."""
    notice = st.session_state.pop(NOTICE_KEY, None)
    if not notice:
        return
    kind, text = notice
    if kind == "error":
        show_error(text)
    else:
        {"success": st.success, "info": st.info, "warning": st.warning}[kind](text)


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
        label, icon, color = badge
        st.badge(label, icon=icon, color=color)
    else:
        st.text(f"Status: {item.status or '(none)'}")
    if item.scheduled_date:
        st.caption(f"Publishes {format_moment(item.scheduled_date, tz_name)}")
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


# --- regenerate -------------------------------------------------------------------------------------------------


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
    nothing_to_do: Callable[[list[PostItem]], str | None]


REGENERATIONS: dict[str, Regeneration] = {
    "posts": Regeneration(
        "Regenerate posts",
        ":material/refresh:",
        "regenerate activity posts",
        "Writing new posts",
        "New posts are ready. Drafts were replaced; scheduled and published posts were kept.",
        lambda client, activity_id: client.regenerate_marketing_activity_posts(activity_id),
        lambda items: None,
    ),
    "image": Regeneration(
        "Regenerate image",
        ":material/image:",
        "regenerate activity image",
        "Creating a new image",
        "The new image is ready. Captions are unchanged.",
        lambda client, activity_id: client.regenerate_marketing_activity_posts_media(activity_id),
        _no_drafts,
    ),
    "stories": Regeneration(
        "Regenerate stories",
        ":material/amp_stories:",
        "regenerate activity stories",
        "Writing a new story",
        "The new story is ready.",
        lambda client, activity_id: client.regenerate_marketing_activity_stories(activity_id),
        _no_story_draft,
    ),
}


@dataclass(frozen=True)
class RegenerationJob:
    """A regeneration being followed: which one, the posts' fingerprint before it, and when it started."""

    kind: str
    before: Fingerprint
    started: datetime


def _job_key(activity_id: str) -> str:
    return JOB_KEY_PREFIX + activity_id


def regenerating(activity_id: str) -> bool:
    """True while this session follows a regeneration of the activity."""
    return _job_key(activity_id) in st.session_state


def start_regeneration(connection: Connection, activity_id: str, kind: str) -> None:
    """Button callback: ask Wix to regenerate, then follow the posts unless Wix's snapshot shows nothing will change."""
    spec = REGENERATIONS[kind]
    result = run_action(
        connection.site_id, spec.audit_label, lambda: spec.call(connection.client, activity_id), targets=[activity_id]
    )
    if not result.ok:
        notify("error", f"{spec.button} did not start. {result.error}")
        return
    items = result.value.items
    reason = spec.nothing_to_do(items)
    if reason:
        notify("info", reason)
        return
    st.session_state[_job_key(activity_id)] = RegenerationJob(kind, posts_fingerprint(items), datetime.now(UTC))


def _duration(seconds: float) -> str:
    return f"{int(seconds // 60)} minutes" if seconds >= 120 else f"{seconds:g} seconds"


def render_regeneration_poller(connection: Connection, activity_id: str, poll_seconds: float, limit: float) -> None:
    """While a regeneration of this activity runs: poll its posts in a fragment until they change or time runs out."""
    if regenerating(activity_id):
        _regeneration_tick(connection, activity_id, limit, run_every=poll_seconds)


def _regeneration_tick(connection: Connection, activity_id: str, limit: float, run_every: float) -> None:
    @st.fragment(run_every=run_every)
    def tick() -> None:
        job: RegenerationJob | None = st.session_state.get(_job_key(activity_id))
        if job is None:
            return
        spec = REGENERATIONS[job.kind]
        now = datetime.now(UTC)
        try:
            entries = connection.client.get_marketing_activity_posts([activity_id])
        except WixApiError as error:
            st.warning(f"Could not check the posts ({error.user_message}) Trying again in a moment.")
            return
        entry = next((e for e in entries if e.activity_id == activity_id), None)
        outcome = None
        if entry is None:
            outcome = ("warning", "The activity is no longer in the plan, so this page stopped following it.")
        elif posts_fingerprint(entry.items) != job.before:
            outcome = ("success", spec.done)
        elif poll_deadline_passed(job.started, now, limit):
            outcome = (
                "warning",
                f"{spec.button}: nothing changed after {_duration(limit)}, so this page stopped checking. "
                "Wix may still finish; reload this activity later.",
            )
        if outcome:
            st.session_state.pop(_job_key(activity_id), None)
            notify(*outcome)
            forget_activity()
            st.rerun()
        elapsed = int((now - job.started).total_seconds())
        st.info(
            f"{spec.waiting}… {elapsed // 60}:{elapsed % 60:02d} elapsed. This page updates by itself.",
            icon=":material/hourglass_top:",
        )

    tick()


# --- the action buttons and the clear dialogs -------------------------------------------------------------------


def render_post_actions(connection: Connection, activity_id: str, items: list[PostItem]) -> None:
    """Regenerate posts / image / stories and clear posts / stories (clearing asks first); disabled while a
    regeneration of this activity is followed."""
    busy = regenerating(activity_id)
    columns = st.columns(5)
    for column, (kind, spec) in zip(columns, REGENERATIONS.items(), strict=False):
        column.button(
            spec.button,
            icon=spec.icon,
            disabled=busy,
            on_click=start_regeneration,
            args=(connection, activity_id, kind),
            width="stretch",
        )
    drafts = [item for item in items if item.is_draft]
    columns[3].button(
        "Clear posts",
        icon=":material/delete_sweep:",
        disabled=busy or not drafts,
        help="Removes the draft posts and stories; scheduled and published posts stay.",
        on_click=ask,
        args=(CLEAR_POSTS_REQUEST_KEY, activity_id),
        width="stretch",
    )
    columns[4].button(
        "Clear stories",
        icon=":material/auto_delete:",
        disabled=busy or not any(item.is_story for item in drafts),
        help="Removes only the story drafts.",
        on_click=ask,
        args=(CLEAR_STORIES_REQUEST_KEY, activity_id),
        width="stretch",
    )
    if pending(CLEAR_POSTS_REQUEST_KEY) == activity_id:
        _confirm_clear_posts(connection, activity_id, len(drafts))
    elif pending(CLEAR_STORIES_REQUEST_KEY) == activity_id:
        _confirm_clear_stories(connection, activity_id, sum(1 for item in drafts if item.is_story))


def _clear(connection: Connection, activity_id: str, key: str, stories_only: bool) -> None:
    client = connection.client
    call = client.clear_marketing_activity_stories if stories_only else client.clear_marketing_activity_posts
    label = "clear activity stories" if stories_only else "clear activity posts"
    result = run_action(connection.site_id, label, lambda: call(activity_id), targets=[activity_id])
    what = "story drafts" if stories_only else "draft posts"
    if result.ok:
        notify("success", f"The {what} were cleared.")
    else:
        notify("error", f"The {what} were not cleared. {result.error}")
    drop(key)
    forget_activity()
    st.rerun()


@st.dialog("Clear the draft posts?", on_dismiss=dropper(CLEAR_POSTS_REQUEST_KEY))
def _confirm_clear_posts(connection: Connection, activity_id: str, drafts: int) -> None:
    """Clearing removes every draft of the activity; ask first."""
    st.write(f"This removes the activity's **{drafts} draft(s)**, posts and stories. Scheduled posts stay.")
    if st.button("Clear posts", type="primary", key="confirm_clear_posts"):
        _clear(connection, activity_id, CLEAR_POSTS_REQUEST_KEY, stories_only=False)


@st.dialog("Clear the story drafts?", on_dismiss=dropper(CLEAR_STORIES_REQUEST_KEY))
def _confirm_clear_stories(connection: Connection, activity_id: str, stories: int) -> None:
    """Clearing stories keeps the posts; ask first."""
    st.write(f"This removes the activity's **{stories} story draft(s)**. Its posts stay.")
    if st.button("Clear stories", type="primary", key="confirm_clear_stories"):
        _clear(connection, activity_id, CLEAR_STORIES_REQUEST_KEY, stories_only=True)
