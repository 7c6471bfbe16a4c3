"""The documented sample flows as plain functions over models and a client (no Streamlit).

Scheduling drafts (batches of ``SCHEDULE_BATCH_SIZE``, diff of returned IDs, per-item outcome), finding activities
that still need posts, one step of post polling, plan-polling decisions, the settings field mask, and form validation.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from lib.display import format_day
from lib.wix import gaps
from lib.wix.errors import WixApiError
from lib.wix.models import (
    ActivityPosts,
    ActivityType,
    FrequencyInterval,
    ItemStatus,
    MarketingActivity,
    MarketingTool,
    PlanStatus,
    PostItem,
    RecurrenceFrequency,
    ScheduledItem,
)

SCHEDULE_BATCH_SIZE = gaps.SCHEDULE_DRAFTS_MAX_IDS  # IDs per ScheduleDrafts call (gap 12)
POSTS_READ_LIMIT = gaps.ACTIVITY_POSTS_MAX_IDS  # 100 IDs per GetMarketingActivityPosts call (gap 11)
POLL_INTERVAL_SECONDS = 5  # recipe: poll every ~5 s ...
POLL_LIMIT_SECONDS = 15 * 60  # ... and give up after ~15 min
NO_CHANNEL = "(no channel)"
X_CHANNEL = "TWITTER"
X_SUNSET = dt.date(2026, 7, 31)  # reference section 5 [SEC]: do not schedule TWITTER drafts dated after this (X sunset)

TEXT_LIMIT = 3000
TOPICS_LIMIT = 20
TOPIC_LENGTH_LIMIT = 100
FREQUENCY_MIN, FREQUENCY_MAX = 1, 30
READ_ONLY_SETTINGS = frozenset({"language", "businessLocation", "targetLocations"})


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


class ActivityPostsReader(Protocol):
    def get_marketing_activity_posts(self, activity_ids: Sequence[str]) -> list[ActivityPosts]: ...


# --- scheduling -------------------------------------------------------------------------------------------------


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


# --- posts for activities ---------------------------------------------------------------------------------------

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


# --- plan polling -----------------------------------------------------------------------------------------------

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


# --- settings ---------------------------------------------------------------------------------------------------


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _normalized(value: object) -> object:
    """Comparable form: empty values (None, "", [], {}) are alike, text is stripped, lists of text are unordered."""
    if isinstance(value, dict):
        entries = {k: _normalized(v) for k, v in value.items()}
        return {k: v for k, v in entries.items() if v is not None} or None
    if isinstance(value, list | tuple):
        entries = [v for v in (_normalized(v) for v in value) if v is not None]
        if all(isinstance(v, str) for v in entries):
            entries = sorted(entries)
        return entries or None
    if isinstance(value, str):
        return value.strip() or None
    return value


def _keys(*dicts: Mapping[str, Any]) -> list[str]:
    return list(dict.fromkeys(key for d in dicts for key in d))


def changed_settings_paths(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """The UpsertMarketingSettings ``fieldMask`` between two marketingSettings dicts (``{"settings", "overrides"}``).

    Paths are ``settings.<field>`` and ``overrides.<tool>.<field>`` (e.g. ``overrides.socialMarketing.frequency``),
    in order of appearance; read-only fields are never included; empty values (None, "", [], {}) count as equal.
    """
    paths: list[str] = []
    old, new = _dict(before.get("settings")), _dict(after.get("settings"))
    for key in _keys(new, old):
        if key not in READ_ONLY_SETTINGS and _normalized(old.get(key)) != _normalized(new.get(key)):
            paths.append(f"settings.{key}")
    old_overrides, new_overrides = _dict(before.get("overrides")), _dict(after.get("overrides"))
    for tool in _keys(new_overrides, old_overrides):
        old_tool, new_tool = _dict(old_overrides.get(tool)), _dict(new_overrides.get(tool))
        for key in _keys(new_tool, old_tool):
            if _normalized(old_tool.get(key)) != _normalized(new_tool.get(key)):
                paths.append(f"overrides.{tool}.{key}")
    return paths


def settings_upsert_payload(
    after: Mapping[str, Any], paths: Sequence[str]
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """``(settings, overrides)`` for ``client.upsert_marketing_settings`` holding exactly the masked paths.

    Every masked path is present (``None`` when cleared), since Wix rejects a mask path missing from the body.
    ``overrides`` is ``None`` when no override path is masked.
    """
    settings_in, overrides_in = _dict(after.get("settings")), _dict(after.get("overrides"))
    settings: dict[str, Any] = {}
    overrides: dict[str, Any] = {}
    for path in paths:
        section, _, rest = path.partition(".")
        if section == "settings":
            settings[rest] = settings_in.get(rest)
        elif section == "overrides":
            tool, _, key = rest.partition(".")
            overrides.setdefault(tool, {})[key] = _dict(overrides_in.get(tool)).get(key)
    return settings, overrides or None


_TEXT_FIELDS = {
    "marketingPlanGoal.customGoal": "The custom goal",
    "toneOfVoice": "The tone of voice",
    "customContentGuidelines": "The content guidelines",
    "imageGuidelines": "The image guidelines",
    "businessProfile.valueProposition": "The value proposition",
    "businessProfile.targetAudience": "The target audience",
    "businessProfile.businessGoal": "The business goal",
}
_TOOL_LABELS = {"socialMarketing": "social posts", "emailMarketing": "emails", "blogs": "blog posts"}
_INTERVALS = {
    FrequencyInterval.WEEK.value: "week",
    FrequencyInterval.MONTH.value: "month",
    FrequencyInterval.YEAR.value: "year",
}


def _get_path(data: Mapping[str, Any], path: str) -> object:
    value: object = data
    for part in path.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def _too_long(what: str, text: object, limit: int) -> str | None:
    if isinstance(text, str) and len(text) > limit:
        return f"{what} is {len(text):,} characters long; keep it to {limit:,} or fewer."
    return None


def _frequency_problem(frequency: object, what: str) -> str | None:
    if frequency is None or frequency == {}:
        return None
    frequency = _dict(frequency)
    interval = frequency.get("interval")
    count = frequency.get("count")
    if interval is None or str(interval) not in _INTERVALS:
        return f"Choose whether the {what} frequency counts per week, month or year."
    period = _INTERVALS[str(interval)]
    if isinstance(count, bool) or not isinstance(count, int) or not FREQUENCY_MIN <= count <= FREQUENCY_MAX:
        shown = "empty" if count is None else f"{count}"
        return (
            f"The {what} frequency must be a whole number from {FREQUENCY_MIN} to {FREQUENCY_MAX} per {period}; "
            f"it is {shown}."
        )
    return None


def _topics_problem(topics: object, kind: str) -> str | None:
    if not isinstance(topics, list):
        return None
    problems = []
    if len(topics) > TOPICS_LIMIT:
        problems.append(f"Keep to {TOPICS_LIMIT} {kind} topics or fewer; there are {len(topics)}.")
    long = [t for t in topics if isinstance(t, str) and len(t) > TOPIC_LENGTH_LIMIT]
    if long:
        problems.append(
            f"Keep each topic to {TOPIC_LENGTH_LIMIT} characters or fewer; “{long[0][:30]}…” has {len(long[0])}."
        )
    return " ".join(problems) or None


def validate_settings(settings: Mapping[str, Any], overrides: Mapping[str, Any] | None = None) -> dict[str, str]:
    """Problems in a settings wire dict (and optional overrides), as ``{field path: sentence}``; empty when valid.

    Keys: ``frequency``, ``socialChannels``, ``topics``, ``topics.included``, ``topics.excluded``, the text paths
    (``toneOfVoice``, ``businessProfile.targetAudience``, ...) and ``overrides.<tool>.frequency``.
    """
    errors: dict[str, str] = {}
    problem = _frequency_problem(settings.get("frequency"), "content")
    if problem:
        errors["frequency"] = problem
    tools = {str(t) for t in settings.get("marketingTools") or []}
    if MarketingTool.SOCIAL_MARKETING.value in tools and not settings.get("socialChannels"):
        errors["socialChannels"] = (
            "Pick at least one social channel, or remove social marketing from the marketing tools."
        )
    for path, what in _TEXT_FIELDS.items():
        problem = _too_long(what, _get_path(settings, path), TEXT_LIMIT)
        if problem:
            errors[path] = problem
    topics = _dict(settings.get("topics"))
    for kind in ("included", "excluded"):
        problem = _topics_problem(topics.get(kind), kind)
        if problem:
            errors[f"topics.{kind}"] = problem
    included = {t.strip().casefold(): t for t in topics.get("included") or [] if isinstance(t, str)}
    both = [t for t in topics.get("excluded") or [] if isinstance(t, str) and t.strip().casefold() in included]
    if both:
        errors["topics"] = f"“{both[0]}” is both included and excluded; keep it in one list."
    for tool, entry in _dict(overrides).items():
        problem = _frequency_problem(_dict(entry).get("frequency"), _TOOL_LABELS.get(tool, tool))
        if problem:
            errors[f"overrides.{tool}.frequency"] = problem
    return errors


PLAN_SPAN = "the plan covers today to the end of next month"


def _past_day_problem(day: dt.date, recurring: bool) -> str:
    what = f"The first occurrence, {format_day(day)}," if recurring else format_day(day)
    return f"{what} has passed: pick today or a later day ({PLAN_SPAN})."


def validate_event(
    name: str | None,
    description: str | None,
    date: dt.date | None,
    rule_frequency: RecurrenceFrequency | str | None,
    rule_start: dt.date | None,
    rule_end: dt.date | None = None,
    *,
    today: dt.date | None = None,
    kept_day: dt.date | None = None,
) -> dict[str, str]:
    """Problems in an event form, keyed by argument name (``name``, ``description``, ``date``, ``rule_*``).

    With ``today`` (the viewer's), a first day before it is refused, unless it is ``kept_day``: the day an edited
    event already has (it keeps it; `past_event_warning` says what that means).
    """
    errors: dict[str, str] = {}
    if not name or not name.strip():
        errors["name"] = "Give the event a name."
    else:
        problem = _too_long("The name", name, TEXT_LIMIT)
        if problem:
            errors["name"] = problem
    problem = _too_long("The description", description, TEXT_LIMIT)
    if problem:
        errors["description"] = problem
    if rule_frequency:
        if str(rule_frequency) not in {f.value for f in RecurrenceFrequency}:
            errors["rule_frequency"] = "Choose how often the event repeats: weekly, monthly or yearly."
        if rule_start is None:
            errors["rule_start"] = "Pick the date of the first occurrence."
        elif rule_end is not None and rule_end < rule_start:
            errors["rule_end"] = (
                f"“Until” ({format_day(rule_end)}) is before “Starting” ({format_day(rule_start)}): "
                "pick an end on or after the start, or leave it empty."
            )
    elif date is None:
        errors["date"] = "Pick a date, or make the event recurring."
    first, field_name = (rule_start, "rule_start") if rule_frequency else (date, "date")
    if today is not None and first is not None and first < today and first != kept_day:
        errors.setdefault(field_name, _past_day_problem(first, bool(rule_frequency)))
    return errors


def past_event_warning(date: dt.date | None, rule_end: dt.date | None, today: dt.date) -> str | None:
    """What to tell about an existing event that is over (a one-time ``date`` or a recurring ``rule_end`` before
    ``today``), else None."""
    if date is not None and date < today:
        return f"This event was on {format_day(date)}, which has passed: {PLAN_SPAN}, so it does not plan around it."
    if rule_end is not None and rule_end < today:
        return f"This event ended on {format_day(rule_end)}: {PLAN_SPAN}, so it does not plan around it."
    return None
