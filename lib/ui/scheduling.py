"""Scheduling drafts: a confirm dialog that lists the posts by what will happen to them, then ScheduleDrafts in batches,
then the result per post."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from lib.audit import AuditOutcome
from lib.display import channel_name, excerpt, format_day, status_name
from lib.flows.scheduling import (
    NO_CHANNEL,
    X_SUNSET,
    Outcome,
    ScheduleOutcome,
    SchedulePreview,
    plan_schedule,
    schedule_drafts,
)
from lib.ui import notices, site_state
from lib.ui.actions import ActionResult, run_action
from lib.ui.activity_data import format_moment, plain_markdown
from lib.ui.approvals import ask_for_approval
from lib.ui.connection import Connection
from lib.ui.permissions import approval_on
from lib.ui.readers import forget_plan
from lib.ui.requests import ask, drop, dropper, pending
from lib.wix.models import MarketingActivity, PostItem

_NEVER = datetime.max.replace(tzinfo=UTC)
REBUILDING = "The plan is being rebuilt: scheduling waits until it is ready."
CONNECT_HINT = "Connect a channel in the Wix dashboard → Marketing → Social media, then schedule its drafts again."
RESULT_GROUPS: dict[Outcome, str] = {  # a post's result as the confirm dialog grouped it
    Outcome.SCHEDULED: "Scheduled",
    Outcome.CHANNEL_NOT_CONNECTED: "Stays a draft: channel not connected",
    Outcome.HELD_BACK_X_SUNSET: "Held back: X/Twitter after the X sunset",
    Outcome.NOT_SCHEDULED_BY_WIX: "Stays a draft: not scheduled by Wix",
    Outcome.IGNORED_NOT_DRAFT: "Ignored: not a draft",
    Outcome.REQUEST_FAILED: "Not confirmed: the request failed",
    Outcome.NOT_ATTEMPTED: "Not attempted: stopped after an error",
}


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
    connection: Connection,
    items_by_id: dict[str, PostItem],
    connected: frozenset[str],
    generating: bool,
    posts: pd.DataFrame,
    tz_name: str,
) -> None:
    """Open the confirm dialog while a schedule request (a list of item IDs) is pending. IDs no longer in the plan
    (regenerated away since the request) are left out, never looked up. ``posts`` is the plan's posts frame (its
    ``date``: when each post publishes, its activity's date for a draft without one)."""
    item_ids = pending(site_state.SCHEDULE_REQUEST)
    if isinstance(item_ids, list) and item_ids:  # what ask_to_schedule stores
        items = [items_by_id[i] for i in item_ids if i in items_by_id]
        when = {item_id: day for item_id, day in zip(posts["id"], posts["date"], strict=True) if not pd.isna(day)}
        _confirm_schedule(connection, items, connected, generating, Moments(when, tz_name))


def _channels(items: list[PostItem]) -> str:
    """The items' channels by display name, e.g. ``"LinkedIn and TikTok"`` (Markdown-safe)."""
    names = sorted({plain_markdown(channel_name(item.channel) or NO_CHANNEL) for item in items})
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


@functools.lru_cache(maxsize=16)  # the Plan view asks each rerun about the same cached preview
def cannot_schedule_note(preview: SchedulePreview) -> str | None:
    """Why some drafts cannot be scheduled, for a caption next to the schedule buttons (None: every draft can)."""
    reasons = []
    if preview.stay_draft_items:
        verb = "is" if len({item.channel for item in preview.stay_draft_items}) == 1 else "are"
        reasons.append(f"{_channels(preview.stay_draft_items)} {verb} not connected")
    if preview.held_back_items:
        reasons.append(f"{preview.held_back_x} X draft(s) held back after the X sunset ({format_day(X_SUNSET)})")
    if not reasons:
        return None
    return f"{preview.stay_draft + preview.held_back_x} draft(s) in view stay drafts: {'; '.join(reasons)}."


@dataclass(frozen=True)
class Moments:
    """When each post (by ID) publishes, and the viewer's zone to say it in."""

    by_id: dict[str, datetime]
    tz_name: str

    @classmethod
    def of_plan(cls, activities: list[MarketingActivity], tz_name: str) -> Moments:
        """Each post's time: its scheduled date, else its activity's."""
        times = {item.id: item.scheduled_date or activity.date for activity in activities for item in activity.items}
        return cls({item_id: moment for item_id, moment in times.items() if moment is not None}, tz_name)

    def by_time(self, items: list[PostItem]) -> list[PostItem]:
        """The items in publishing order (those without a time last)."""
        return sorted(items, key=lambda item: (item.id not in self.by_id, self.by_id.get(item.id, _NEVER)))

    def text(self, item: PostItem) -> str:
        return format_moment(self.by_id.get(item.id), self.tz_name, with_zone=False)

    @property
    def column(self) -> str:
        return f"Date and time ({self.tz_name})"


def _post_rows(items: list[PostItem], when: Moments) -> list[dict[str, str]]:
    """One row per post as a marketer knows it: when it publishes (viewer's zone), channel, caption excerpt."""
    return [
        {
            when.column: when.text(item),
            "Channel": channel_name(item.channel) or NO_CHANNEL,
            "Caption": excerpt(item.caption),
        }
        for item in items
    ]


def show_posts(
    items: list[PostItem], when: Moments, *, with_status: bool = False, connected: frozenset[str] | None = None
) -> None:
    """The posts of one group, in time order, as a compact table (plain text: no API text renders as Markdown);
    given the ``connected`` channels, also each post's image and whether its channel is connected (an approver's
    preview)."""
    items = when.by_time(items)
    rows: list[dict[str, str | None]] = [dict(row) for row in _post_rows(items, when)]
    if with_status:
        rows = [{**row, "Status": status_name(item.status)} for row, item in zip(rows, items, strict=True)]
    if connected is not None:
        rows = [  # the caption last: it takes the width that is left
            {
                **{key: value for key, value in row.items() if key != "Caption"},
                "Connected": "yes" if item.channel in connected else "no: stays a draft",
                "Image": item.image_url,
                "Caption": row["Caption"],
            }
            for row, item in zip(rows, items, strict=True)
        ]
    image = {"Image": st.column_config.ImageColumn("Image")} if connected is not None else None
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", column_config=image)


@st.dialog("Schedule drafts", width="large", on_dismiss=dropper(site_state.SCHEDULE_REQUEST))
def _confirm_schedule(
    connection: Connection, items: list[PostItem], connected: frozenset[str], generating: bool, when: Moments
) -> None:
    """List the posts that will be scheduled, stay drafts (and how to connect their channel), are held back or are
    ignored, then schedule on confirm."""
    if generating:
        st.info(REBUILDING, icon=":material/hourglass_top:")
        return
    preview = plan_schedule(items, set(connected))
    if preview.will_schedule_items:
        st.markdown(f"**{preview.will_schedule} draft(s) will be scheduled** for publishing:")
        show_posts(preview.will_schedule_items, when)
    else:
        st.markdown("**Nothing can be scheduled from this selection.**")
    if preview.stay_draft_items:
        st.warning(
            f"**{preview.stay_draft} draft(s) stay drafts: channel not connected** "
            f"({_channels(preview.stay_draft_items)}). {CONNECT_HINT}",
            icon=":material/link_off:",
        )
        show_posts(preview.stay_draft_items, when)
    if preview.held_back_items:
        st.warning(
            f"**{preview.held_back_x} X draft(s) held back: X/Twitter after the X sunset.** X takes no posts from "
            f"Wix after {format_day(X_SUNSET)}.",
            icon=":material/block:",
        )
        show_posts(preview.held_back_items, when)
    if preview.ignored_items:
        st.info(f"**{preview.ignored} selected item(s) are not drafts** and will be ignored.", icon=":material/info:")
        show_posts(preview.ignored_items, when, with_status=True)
    if not preview.will_schedule_items:
        return
    if approval_on():  # four-eye approval: ask, another publisher schedules (lib/ui/approvals.py)
        note = st.text_input("A note for whoever approves (optional)", max_chars=300)
        if st.button(
            f"Ask for approval of {preview.will_schedule} draft(s)", type="primary", icon=":material/approval:"
        ):
            ask_for_approval(connection.site_id, preview.draft_ids, note)
            drop(site_state.SCHEDULE_REQUEST)
            st.rerun()
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
        _say_outcome(result, when)
        st.rerun()


def _result_rows(outcome: ScheduleOutcome, when: Moments) -> pd.DataFrame:
    """One row per post, grouped by result (in :class:`Outcome` order, then by time): the result, time, channel and
    caption."""
    in_time = {item.id: n for n, item in enumerate(when.by_time([r.item for r in outcome.results]))}
    results = sorted(outcome.results, key=lambda r: (list(Outcome).index(r.outcome), in_time[r.item_id]))
    rows = _post_rows([r.item for r in results], when)
    return pd.DataFrame([{"Result": RESULT_GROUPS[r.outcome], **row} for r, row in zip(results, rows, strict=True)])


def _say_outcome(result: ActionResult[ScheduleOutcome], when: Moments) -> None:
    """The scheduling run's result as the site's notice: counts, and a result per post (scheduled, left as draft and
    why, ignored) with its time, channel and caption."""
    if not result.ok:
        notices.post("error", f"Nothing was scheduled. {result.error}", about="plan")
        return
    outcome = result.value
    assert outcome is not None  # the action ran and returned: schedule_drafts always returns an outcome
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
    notices.post(
        "warning" if outcome.error else "success",
        f"Scheduling done: {outcome.summary}",
        about="plan",
        view="plan",
        details=_result_rows(outcome, when),
        extra=extra,
    )
