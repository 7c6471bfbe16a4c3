"""Plan polling decisions: when a generation has settled, and when to stop following it (no Streamlit)."""

from __future__ import annotations

import datetime as dt

from lib.wix.models import PlanStatus

POLL_LIMIT_SECONDS = 15 * 60  # recipe: give up after ~15 min


_SETTLED = frozenset(
    s.value for s in (PlanStatus.ACTIVE, PlanStatus.FAILED, PlanStatus.INACTIVE, PlanStatus.NEVER_CREATED)
)


def is_plan_settled(status: PlanStatus | str | None) -> bool:
    """True when no generation runs (ACTIVE, FAILED, INACTIVE, NEVER_CREATED); GENERATING or unknown keeps polling."""
    return status is not None and str(status) in _SETTLED


def poll_deadline_passed(
    started_at: dt.datetime | float, now: dt.datetime | float, limit_seconds: float = POLL_LIMIT_SECONDS
) -> bool:
    """True once ``limit_seconds`` have passed since ``started_at`` (datetimes, or seconds from one clock)."""
    elapsed = now - started_at  # type: ignore[operator]
    seconds = elapsed.total_seconds() if isinstance(elapsed, dt.timedelta) else float(elapsed)
    return seconds >= limit_seconds
