"""Scheduling drafts: which drafts to schedule, in batches of ``SCHEDULE_BATCH_SIZE``, the preview of what stays a
draft and why, and the per-item outcome from the IDs Wix returns (no Streamlit)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from lib.display import format_day
from lib.wix import gaps
from lib.wix.errors import WixApiError
from lib.wix.models import ItemStatus, PostItem, ScheduledItem

SCHEDULE_BATCH_SIZE = gaps.SCHEDULE_DRAFTS_MAX_IDS  # IDs per ScheduleDrafts call (gap 12)
NO_CHANNEL = "(no channel)"
X_CHANNEL = "TWITTER"
X_SUNSET = dt.date(2026, 7, 31)  # reference section 5 [SEC]: do not schedule TWITTER drafts dated after this (X sunset)


class Outcome(StrEnum):
    """What happened to one item handed to :func:`schedule_drafts`."""

    SCHEDULED = "scheduled"
    CHANNEL_NOT_CONNECTED = "left as draft (channel not connected)"
    HELD_BACK_X_SUNSET = f"left as draft (X/Twitter takes no posts after {format_day(X_SUNSET)})"
    NOT_SCHEDULED_BY_WIX = "left as draft (not scheduled by Wix)"
    IGNORED_NOT_DRAFT = "ignored (not a draft)"
    REQUEST_FAILED = "not confirmed (the request failed)"
    NOT_ATTEMPTED = "not attempted (stopped after an error)"


class DraftScheduler(Protocol):
    def schedule_drafts(self, draft_ids: Sequence[str]) -> list[ScheduledItem]: ...


def channel_name(item: PostItem) -> str:
    """The item's channel as a plain string (``"(no channel)"`` when absent)."""
    return str(item.channel) if item.channel else NO_CHANNEL


def _unique(items: Iterable[PostItem]) -> list[PostItem]:
    """Items in first-seen order, one per ID; items without an ID cannot be scheduled and are dropped."""
    seen: dict[str, PostItem] = {}
    for item in items:
        if item.id and item.id not in seen:
            seen[item.id] = item
    return list(seen.values())


def _is_connected(item: PostItem, connected_channels: Collection[str] | None) -> bool:
    return connected_channels is None or channel_name(item) in {str(c) for c in connected_channels}


def past_x_sunset(item: PostItem, today: dt.date) -> bool:
    """A TWITTER item that would publish after the X sunset: on its scheduled date, and never before today."""
    if channel_name(item) != X_CHANNEL:
        return False
    day = item.scheduled_date.date() if item.scheduled_date else today
    return max(day, today) > X_SUNSET


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def drafts_to_schedule(items: Iterable[PostItem]) -> list[PostItem]:
    """The DRAFT items (one per ID, in order): the only ones ScheduleDrafts acts on."""
    return [item for item in _unique(items) if item.is_draft]


def batches(ids: Sequence[str], size: int = SCHEDULE_BATCH_SIZE) -> list[list[str]]:
    """Split ``ids`` into consecutive lists of at most ``size``."""
    if size < 1:
        raise ValueError("batch size must be at least 1")
    ids = list(ids)
    return [ids[i : i + size] for i in range(0, len(ids), size)]


@dataclass(frozen=True, eq=False)
class SchedulePreview:
    """What scheduling these items is expected to do, told before any call: the items in each group, in order.
    Equal and hashed by identity, so what is said about a cached preview can be cached on it too."""

    will_schedule_items: list[PostItem]  # drafts of connected channels
    stay_draft_items: list[PostItem]  # drafts whose channel is not connected: sent, and left as drafts by Wix
    held_back_items: list[PostItem]  # TWITTER drafts dated after the X sunset: never sent
    ignored_items: list[PostItem]  # items that are not drafts

    @property
    def will_schedule(self) -> int:
        return len(self.will_schedule_items)

    @property
    def will_schedule_by_channel(self) -> dict[str, int]:
        return dict(Counter(channel_name(i) for i in self.will_schedule_items))

    @property
    def stay_draft_by_channel(self) -> dict[str, int]:
        return dict(Counter(channel_name(i) for i in self.stay_draft_items))

    @property
    def stay_draft(self) -> int:
        return len(self.stay_draft_items)

    @property
    def held_back_x(self) -> int:
        return len(self.held_back_items)

    @property
    def ignored(self) -> int:
        return len(self.ignored_items)

    @property
    def draft_ids(self) -> list[str]:
        """Every draft ID that will be sent: those of connected channels, then the others (Wix leaves them drafts)."""
        return [item.id for item in self.will_schedule_items + self.stay_draft_items]

    @property
    def calls(self) -> int:
        """Number of ScheduleDrafts calls."""
        return len(batches(self.draft_ids))


def plan_schedule(
    items: Iterable[PostItem], connected_channels: Collection[str] | None, today: dt.date | None = None
) -> SchedulePreview:
    """Preview of :func:`schedule_drafts`; ``connected_channels=None`` means unknown (every draft may schedule)."""
    today = today or _today()
    unique = _unique(items)
    drafts = [item for item in unique if item.is_draft and not past_x_sunset(item, today)]
    return SchedulePreview(
        will_schedule_items=[item for item in drafts if _is_connected(item, connected_channels)],
        stay_draft_items=[item for item in drafts if not _is_connected(item, connected_channels)],
        held_back_items=[item for item in unique if item.is_draft and past_x_sunset(item, today)],
        ignored_items=[item for item in unique if not item.is_draft],
    )


@dataclass(frozen=True)
class ItemResult:
    """What happened to one item, with the item itself (its time, channel and caption say which post it was)."""

    item: PostItem
    outcome: Outcome

    @property
    def item_id(self) -> str:
        return self.item.id

    @property
    def channel(self) -> str:
        return channel_name(self.item)


@dataclass(frozen=True)
class ScheduleOutcome:
    """One result per item handed in (in order), plus the error that stopped the run, if any."""

    results: list[ItemResult]
    calls: list[list[str]] = field(default_factory=list)  # the ID batches sent, in order (the failed one included)
    error: WixApiError | None = None

    @property
    def counts(self) -> dict[Outcome, int]:
        """Items per outcome, in :class:`Outcome` order, zero counts left out."""
        counts = Counter(r.outcome for r in self.results)
        return {outcome: counts[outcome] for outcome in Outcome if counts[outcome]}

    @property
    def counts_by_channel(self) -> dict[str, dict[Outcome, int]]:
        by_channel: dict[str, Counter[Outcome]] = {}
        for result in self.results:
            by_channel.setdefault(result.channel, Counter())[result.outcome] += 1
        return {channel: {o: c[o] for o in Outcome if c[o]} for channel, c in by_channel.items()}

    def ids(self, outcome: Outcome) -> list[str]:
        return [r.item_id for r in self.results if r.outcome == outcome]

    @property
    def scheduled_ids(self) -> list[str]:
        return self.ids(Outcome.SCHEDULED)

    @property
    def not_attempted_ids(self) -> list[str]:
        """Drafts never sent because an earlier batch failed."""
        return self.ids(Outcome.NOT_ATTEMPTED)

    @property
    def summary(self) -> str:
        """One line for a toast, e.g. ``"3 scheduled, 2 left as draft (channel not connected)."``."""
        if not self.results:
            return "Nothing to schedule."
        return ", ".join(f"{count} {outcome}" for outcome, count in self.counts.items()) + "."


def schedule_drafts(
    client: DraftScheduler,
    items: Iterable[PostItem],
    connected_channels: Collection[str] | None,
    today: dt.date | None = None,
) -> ScheduleOutcome:
    """ScheduleDrafts over the DRAFT items, ``SCHEDULE_BATCH_SIZE`` per call, diffing the IDs returned and sent.

    TWITTER drafts past the X sunset are never sent. A batch that raises stops the run (writes are never retried):
    earlier results stay, the failed batch's items are ``REQUEST_FAILED`` (Wix may or may not have applied it) and
    later drafts ``NOT_ATTEMPTED``.
    """
    today = today or _today()
    unique = _unique(items)
    by_id = {item.id: item for item in unique}
    outcomes = {item.id: Outcome.IGNORED_NOT_DRAFT for item in unique if not item.is_draft}
    held_back = [item.id for item in unique if item.is_draft and past_x_sunset(item, today)]
    outcomes.update(dict.fromkeys(held_back, Outcome.HELD_BACK_X_SUNSET))
    calls: list[list[str]] = []
    error: WixApiError | None = None
    for batch in batches([item.id for item in unique if item.id not in outcomes]):
        if error is not None:
            outcomes.update(dict.fromkeys(batch, Outcome.NOT_ATTEMPTED))
            continue
        calls.append(batch)
        try:
            returned = client.schedule_drafts(batch)
        except WixApiError as exc:
            error = exc
            outcomes.update(dict.fromkeys(batch, Outcome.REQUEST_FAILED))
            continue
        scheduled = {r.id for r in returned if r.status != ItemStatus.DRAFT}
        for item_id in batch:
            if item_id in scheduled:
                outcomes[item_id] = Outcome.SCHEDULED
            elif _is_connected(by_id[item_id], connected_channels):
                outcomes[item_id] = Outcome.NOT_SCHEDULED_BY_WIX
            else:
                outcomes[item_id] = Outcome.CHANNEL_NOT_CONNECTED
    results = [ItemResult(item, outcomes[item.id]) for item in unique]
    return ScheduleOutcome(results=results, calls=calls, error=error)
