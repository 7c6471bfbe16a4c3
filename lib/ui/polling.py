"""Following asynchronous work until it ends: the one polling fragment behind the plan's generation, "more posts" and
the Activity view's regenerations.

A job is kept in the site's session state (`lib.ui.site_state`) under a name its owner chooses. While it is there,
`follow` registers a fragment that runs every ``every`` seconds: each tick calls ``check`` once (one read), shows its
progress, says when a read failed and tries again at the next tick, ends the job when ``check`` says it finished or
the time limit has passed, and then reruns the whole page once, so every table shows the finished work.

DESIGN.md section 4: ``@st.fragment(run_every=...)``, never a sleeping loop; dialogs are opened outside the fragment
(a dialog inside one stops responding after the next tick).

A tick draws the line the previous tick ended on *before* it reads, and only then the new one. Streamlit 1.67 drops a
fragment run's unsent output when the next run of the same fragment starts (`AppSession._clear_queue` on
SCRIPT_STARTED, in streamlit/runtime/app_session.py). A tick that outlasts ``every`` (a read retried with backoff, a
slow Wix) already has the next tick queued when it ends, so what it drew after its read was often never sent: the
page froze on an old "last checked" and never said that a read failed (seen in the browser tests, recorded from the
WebSocket). The line drawn first goes out while the read runs, so each outcome shows at the latest one tick later.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, Protocol

import streamlit as st

from lib.flows.polling import poll_deadline_passed
from lib.ui import notices, site_state
from lib.wix.errors import WixApiError


class Job(Protocol):
    """What every followed job holds: when it started (the time limit counts from there)."""

    @property
    def started(self) -> datetime: ...


@dataclass(frozen=True)
class Progress:
    """Still running: what to show, and the job to keep for the next tick (``check`` may update it)."""

    text: str
    job: Any


@dataclass(frozen=True)
class Finished:
    """Done (or given up): the site's notice that says so."""

    kind: notices.Kind
    text: str


@dataclass(frozen=True)
class Following:
    """How one kind of job is followed: where its notices go, what a failed read names, what to forget at the end."""

    job_name: str
    subject: str  # "the plan", "the new posts": "Could not check the plan (...)"
    about: str
    view: str
    icon: str
    forget: Callable[[], None]
    timed_out: Callable[[Any, float], Finished]  # (the job, the time limit in seconds)


def now() -> datetime:
    """The clock jobs are started, timed and given up by (UTC); one function, so a test can move it."""
    return datetime.now(UTC)


def duration(seconds: float) -> str:
    """A time limit in words: "15 minutes", "90 seconds"."""
    return f"{int(seconds // 60)} minutes" if seconds >= 120 else f"{seconds:g} seconds"


def elapsed(job: Job, moment: datetime) -> str:
    """Time from the job's start to ``moment``, as minutes and seconds ("2:05")."""
    seconds = max(0, int((moment - job.started).total_seconds()))
    return f"{seconds // 60}:{seconds % 60:02d}"


def is_following(job_name: str) -> bool:
    """True while this session follows a job of that name on the bound site."""
    return site_state.get(job_name) is not None


@dataclass(frozen=True)
class Line:
    """What a tick showed under a job: its progress, or that the read failed; ``started`` names the job it is about."""

    kind: Literal["info", "warning"]
    text: str
    started: datetime


def follow(following: Following, check: Callable[[Any], Progress | Finished], every: float, limit: float) -> None:
    """While the bound site holds the job: check it once per tick in a fragment, and end it as described above."""
    if not is_following(following.job_name):
        return
    line_name = site_state.POLL_LINE_PREFIX + following.job_name

    @st.fragment(run_every=every)
    def tick() -> None:
        job = site_state.get(following.job_name)
        if job is None:  # ended by another run of this session
            return
        shown = st.empty()
        last = site_state.get(line_name)
        if last is None or last.started != job.started:  # a job followed afresh says nothing of an earlier one
            last = Line("info", f"Checking {following.subject}…", job.started)
        _draw(shown, last, following.icon)
        step = _step(following, check, job, limit)
        if isinstance(step, Finished):
            site_state.pop(following.job_name)
            site_state.pop(line_name)
            following.forget()
            notices.post(step.kind, step.text, about=following.about, view=following.view)
            st.rerun()
        if isinstance(step, Progress):
            site_state.put(following.job_name, step.job)
            step = Line("info", step.text, job.started)
        site_state.put(line_name, step)
        _draw(shown, step, following.icon)

    tick()


def _step(
    following: Following, check: Callable[[Any], Progress | Finished], job: Job, limit: float
) -> Progress | Finished | Line:
    """One read of the job: its Progress or Finished; the Line that says the read failed; past the time limit, its
    time-out (whether or not the read worked)."""
    step: Progress | Finished | Line
    try:
        step = check(job)
    except WixApiError as error:
        text = f"Could not check {following.subject} ({error.user_message}) Trying again in a moment."
        step = Line("warning", text, job.started)
    if not isinstance(step, Finished) and poll_deadline_passed(job.started, now(), limit):
        return following.timed_out(step.job if isinstance(step, Progress) else job, limit)
    return step


def _draw(place: Any, line: Line, icon: str) -> None:
    """Show the line in the tick's one place (an ``st.empty``)."""
    if line.kind == "warning":
        place.warning(line.text)
    else:
        place.info(line.text, icon=icon)
