"""More posts: the activities that still need posts, and one step of following their generation (no Streamlit)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from lib.wix import gaps
from lib.wix.models import ActivityPosts, ActivityType, MarketingActivity, PostItem

POSTS_READ_LIMIT = gaps.ACTIVITY_POSTS_MAX_IDS  # 100 IDs per GetMarketingActivityPosts call (gap 11)


class ActivityPostsReader(Protocol):
    def get_marketing_activity_posts(self, activity_ids: Sequence[str]) -> list[ActivityPosts]: ...


_SOCIAL_OR_UNSET = frozenset({ActivityType.SOCIAL_MARKETING.value, ActivityType.UNKNOWN.value})


def is_social(activity: MarketingActivity) -> bool:
    """Social marketing, or type not sent (plan activities may lack it: gap 9) / UNKNOWN."""
    return activity.type is None or str(activity.type) in _SOCIAL_OR_UNSET


def activities_without_posts(activities: Iterable[MarketingActivity]) -> list[MarketingActivity]:
    """Social activities that have no post items yet (candidates for GenerateSocialPosts)."""
    return [a for a in activities if is_social(a) and not a.items]


@dataclass(frozen=True)
class PostPollResult:
    ready: dict[str, list[PostItem]]  # activity ID -> its posts, for activities that now have posts
    waiting: list[str]  # activity IDs still without posts (or beyond this step's 100-ID read)

    @property
    def done(self) -> bool:
        return not self.waiting


def post_poll_step(client: ActivityPostsReader, activity_ids: Sequence[str]) -> PostPollResult:
    """One GetMarketingActivityPosts call over (at most the first 100 of) ``activity_ids``.

    Activities that got posts drop out of ``waiting``, so passing ``waiting`` back each tick reaches every ID.
    No call is made for an empty list.
    """
    ids = list(dict.fromkeys(i for i in activity_ids if i))
    if not ids:
        return PostPollResult(ready={}, waiting=[])
    checked = ids[:POSTS_READ_LIMIT]
    posts = {entry.activity_id: entry.items for entry in client.get_marketing_activity_posts(checked)}
    ready = {i: posts[i] for i in checked if posts.get(i)}
    return PostPollResult(ready=ready, waiting=[i for i in ids if i not in ready])
