"""What a regeneration of the plan would replace: counted before asking the user to confirm it. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lib.wix.models import ItemStatus, MarketingActivity, MarketingPlan, PostItem


@dataclass(frozen=True)
class RegenerationImpact:
    """Counts over the activities a regeneration rebuilds: those dated from now on (past ones are kept)."""

    activities: int
    drafts: int
    scheduled: int
    kept_activities: int
    upcoming: tuple[MarketingActivity, ...] = ()  # the activities rebuilt, in the plan's order
    scheduled_items: tuple[PostItem, ...] = ()  # their scheduled posts


def regeneration_impact(plan: MarketingPlan, now: datetime) -> RegenerationImpact:
    """Upcoming activities (dated ``now`` or later, or undated) with their drafts and scheduled posts."""
    upcoming = [a for a in plan.activities if a.date is None or a.date >= now]
    items = [item for activity in upcoming for item in activity.items]
    return RegenerationImpact(
        activities=len(upcoming),
        drafts=sum(1 for item in items if item.status == ItemStatus.DRAFT),
        scheduled=sum(1 for item in items if item.status == ItemStatus.SCHEDULED),
        kept_activities=len(plan.activities) - len(upcoming),
        upcoming=tuple(upcoming),
        scheduled_items=tuple(item for item in items if item.status == ItemStatus.SCHEDULED),
    )
