"""Generating and regenerating the plan, from whichever view offers it: one place for the buttons' callbacks, the
confirmation that says what a regeneration replaces, and the request itself (audited, its outcome the site's notice).

A first generation replaces nothing and starts at once; every regeneration asks first (it rebuilds the upcoming
activities, with their drafts and, as far as anyone knows, their scheduled posts: `lib.wix.gaps`, gap 7).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pandas as pd
import streamlit as st

from lib.display import activity_type_name, format_clock_time
from lib.flows.polling import is_plan_settled
from lib.plan_impact import regeneration_impact
from lib.store.database import StoreError
from lib.ui import notices, polling, site_state
from lib.ui.actions import current_audit_log, run_action
from lib.ui.activity_data import format_moment
from lib.ui.chrome import viewer_timezone
from lib.ui.connection import Connection
from lib.ui.polling import Finished, Following, Progress, duration, elapsed, follow, is_following
from lib.ui.readers import PlanSnapshot, forget_plan
from lib.ui.requests import ask, drop, dropper, pending
from lib.ui.scheduling import Moments, show_posts
from lib.wix import gaps
from lib.wix.client import WixClient
from lib.wix.errors import PlanAlreadyGeneratingError
from lib.wix.models import ItemStatus, MarketingActivity, PlanStatus

PLAN_PAGE = "pages/plan.py"


@dataclass(frozen=True)
class Generation:
    """One way to (re)generate: the audit log's name, the button's words, the client method."""

    action: str
    label: str
    started: str
    method: str


GENERATE = Generation("generate plan", "Generate plan", "Plan generation", "generate_marketing_plan")
REGENERATE = Generation("regenerate plan", "Regenerate", "Regeneration", "regenerate_marketing_plan")
REGENERATE_WITH_RESEARCH = Generation(
    "regenerate plan with keyword research",
    "Regenerate with keyword research",
    "Regeneration with keyword research",
    "regenerate_marketing_plan_with_keyword_research",
)
BY_ACTION = {g.action: g for g in (GENERATE, REGENERATE, REGENERATE_WITH_RESEARCH)}


def start(connection: Connection, generation: Generation, reason: str = "") -> bool:
    """Send the (re)generation request; its outcome becomes the site's notice (``reason`` says what it takes in, e.g.
    "with the new settings"). True when it started."""
    result = run_action(connection.site_id, generation.action, getattr(connection.client, generation.method))
    forget_plan()
    if result.ok:
        follow_generation(polling.now())
        started = " ".join(filter(None, ("was already started" if result.repeated else "started", reason)))
        text = f"{generation.started} {started}. This page follows it until it finishes."
        notices.post("success", text, about="plan", view="plan")  # the Plan view follows the generation
    elif isinstance(result.failure, PlanAlreadyGeneratingError):  # e.g. another session started one
        notices.post("error", result.error or "", about="plan")  # a failure shows on the view that asked
    else:
        notices.post("error", f"{generation.started} did not start. {result.error}", about="plan")
    return result.ok


def start_clicked(connection: Connection, generation: Generation) -> None:
    """Button callback: :func:`start` (Streamlit drops a callback's return value; the notice says how it went)."""
    start(connection, generation)


def ask_to_regenerate(generation: Generation) -> None:
    """Button callback: open the confirmation for this regeneration."""
    ask(site_state.REGENERATE_REQUEST, generation.action)


def render_confirmation(
    connection: Connection, snapshot: PlanSnapshot | None, then_open_plan: bool = False, reason: str = ""
) -> None:
    """Open the confirmation while a regeneration is pending (outside any polling fragment)."""
    action = pending(site_state.REGENERATE_REQUEST)
    if action in BY_ACTION and snapshot is not None:
        _confirm(connection, snapshot, BY_ACTION[action], then_open_plan, reason)


@st.dialog("Regenerate the plan?", width="large", on_dismiss=dropper(site_state.REGENERATE_REQUEST))
def _confirm(
    connection: Connection, snapshot: PlanSnapshot, generation: Generation, then_open_plan: bool, reason: str
) -> None:
    """Say what the regeneration replaces, then start it on confirm."""
    impact = regeneration_impact(snapshot.plan, datetime.now(UTC))
    st.write(
        f"This rebuilds the plan's **{impact.activities}** upcoming activit{'y' if impact.activities == 1 else 'ies'} "
        f"and replaces their **{impact.drafts}** draft(s) with new ones. Past activities are kept "
        f"({impact.kept_activities} in the plan)."
    )
    if generation is REGENERATE_WITH_RESEARCH:
        st.caption("Keyword research is refreshed first, so this takes longer than a plain regeneration.")
    when = Moments.of_plan(snapshot.plan.activities, viewer_timezone())
    if impact.scheduled:
        st.warning(
            f"**{impact.scheduled}** scheduled post(s) sit in upcoming activities. "
            f"{gaps.SCHEDULED_POSTS_ON_PLAN_REGENERATION}",
            icon=":material/warning:",
        )
        show_posts(list(impact.scheduled_items), when)
    else:
        st.caption("No scheduled post sits in an upcoming activity.")
    if impact.upcoming:
        with st.expander(
            f"The {impact.activities} upcoming activit{'y' if impact.activities == 1 else 'ies'} it rebuilds"
        ):
            st.dataframe(_activity_rows(impact.upcoming, when.tz_name), hide_index=True, width="stretch")
    if snapshot.plan.status == PlanStatus.GENERATING:
        st.info("A generation is already running; wait for it to finish.", icon=":material/hourglass_top:")
        return
    if st.button(f"{generation.label} now", type="primary", icon=":material/refresh:"):
        drop(site_state.REGENERATE_REQUEST)
        started = start(connection, generation, reason)
        if started and then_open_plan:
            st.switch_page(PLAN_PAGE)
        st.rerun()


def _activity_rows(activities: tuple[MarketingActivity, ...], tz_name: str) -> pd.DataFrame:
    """The activities a regeneration rebuilds as a marketer knows them: when, title, type, their drafts."""
    return pd.DataFrame(
        [
            {
                f"Date and time ({tz_name})": format_moment(activity.date, tz_name, with_zone=False),
                "Title": activity.title or "(untitled)",
                "Type": activity_type_name(activity.type),
                "Drafts": sum(item.status == ItemStatus.DRAFT for item in activity.items),
            }
            for activity in activities
        ]
    )


def render_offer(
    connection: Connection, snapshot: PlanSnapshot | None, reason: str, keyword_research: bool = False
) -> None:
    """After a change that counts at the next generation (settings, events; ``reason`` names it, e.g. "with your
    events"): the button that makes it count now."""
    if snapshot is None:
        return
    status = snapshot.plan.status
    generating = status == PlanStatus.GENERATING
    if status == PlanStatus.NEVER_CREATED:
        if st.button("Generate the plan now", type="primary", icon=":material/auto_awesome:", disabled=generating):
            if start(connection, GENERATE, reason):
                st.switch_page(PLAN_PAGE)
            st.rerun()
        return
    generation = REGENERATE_WITH_RESEARCH if keyword_research else REGENERATE
    label = "Regenerate with keyword research" if keyword_research else "Regenerate the plan now"
    st.button(
        label,
        type="primary",
        icon=":material/refresh:",
        disabled=generating,
        help="A generation is running." if generating else None,
        on_click=ask_to_regenerate,
        args=(generation,),
    )
    render_confirmation(connection, snapshot, then_open_plan=True, reason=reason)


# --- following the generation -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GenerationJob:
    """The generation this session follows: since when."""

    started: datetime


def follow_generation(started: datetime) -> None:
    """Follow the generation asked for at ``started``."""
    site_state.put(site_state.GENERATION_JOB, GenerationJob(started))
    site_state.pop(site_state.POLL_GAVE_UP)


def _stop_following() -> None:
    site_state.pop(site_state.GENERATION_JOB)
    site_state.pop(site_state.POLL_GAVE_UP)


def render_generation_poller(
    connection: Connection, status: PlanStatus | str, poll_seconds: float, limit_seconds: float
) -> None:
    """While the plan is generating: follow it (`lib.ui.polling`), one plan read per tick, and redraw the page when it
    settles; after the time limit, a way to check again. Once the page reads a settled plan, nothing is followed (a
    later generation starts its own clock)."""
    if status != PlanStatus.GENERATING:
        if is_following(site_state.GENERATION_JOB) or site_state.get(site_state.POLL_GAVE_UP):
            _stop_following()  # the page saw it end first (Refresh, Check again): say so, as a tick would have
            if ended := _settled(status):
                notices.post(ended.kind, ended.text, about="plan", view="plan")
                st.rerun()  # the notices are drawn above: once more, so the page shows this one
        return
    if site_state.get(site_state.POLL_GAVE_UP):
        if st.button("Check again", icon=":material/refresh:", help="Read the plan now and follow it again."):
            follow_generation(polling.now())  # afresh; the next run says so if it has ended meanwhile
            forget_plan()
            st.rerun()
        return
    if not is_following(site_state.GENERATION_JOB):
        follow_generation(_generation_start(connection.site_id, limit_seconds))
    follow(_FOLLOWING, lambda job: _check(connection.client, job), poll_seconds, limit_seconds)


def _generation_start(site_id: str, limit_seconds: float) -> datetime:
    """When the running generation was asked for, as far as this session can tell: the audit log's latest
    (re)generation of the site within the polling limit (a reload starts with an empty session), else now."""
    now = polling.now()
    since = now - timedelta(seconds=limit_seconds)
    try:
        started = current_audit_log().latest_start(site_id, BY_ACTION, since)
    except StoreError:  # the page says so where it matters (an action, the Activity log); here "now" will do
        started = None
    return started or now


def _check(client: WixClient, job: GenerationJob) -> Progress | Finished:
    """One plan read (today only: the status is what is wanted)."""
    now = polling.now()
    status = client.get_social_marketing_plan(start=now, end=now).status
    if ended := _settled(status):
        return ended
    checked = format_clock_time(now, viewer_timezone())
    return Progress(
        f"Generating your plan… {elapsed(job, now)} elapsed, last checked {checked}. This page updates by itself.", job
    )


def _settled(status: PlanStatus | str) -> Finished | None:
    """What the end of a generation says, once the plan has settled (None while it runs)."""
    if status == PlanStatus.FAILED:
        return Finished("error", "The generation failed. Generate the plan again.")
    ready = "The plan is ready. Drafts of the new activities can be scheduled."
    return Finished("success", ready) if is_plan_settled(status) else None


def _timed_out(job: GenerationJob, limit: float) -> Finished:
    site_state.put(site_state.POLL_GAVE_UP, True)  # the Plan view offers "Check again" instead of following on
    return Finished(
        "warning",
        f"Still generating after {duration(limit)}, so this page stopped checking. Wix may still finish; "
        "press Check again later.",
    )


_FOLLOWING = Following(
    job_name=site_state.GENERATION_JOB,
    subject="the plan",
    about="plan",
    view="plan",
    icon=":material/hourglass_top:",
    forget=forget_plan,
    timed_out=_timed_out,
)
