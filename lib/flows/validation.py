"""Form validation: what is wrong with a settings form or an event form, said the way the form shows it (no
Streamlit)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from lib.display import format_day
from lib.flows.settings_diff import as_dict
from lib.wix.models import FrequencyInterval, MarketingTool, RecurrenceFrequency

TEXT_LIMIT = 3000
TOPICS_LIMIT = 20
TOPIC_LENGTH_LIMIT = 100
FREQUENCY_MIN, FREQUENCY_MAX = 1, 30


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
    frequency = as_dict(frequency)
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
    topics = as_dict(settings.get("topics"))
    for kind in ("included", "excluded"):
        problem = _topics_problem(topics.get(kind), kind)
        if problem:
            errors[f"topics.{kind}"] = problem
    included = {t.strip().casefold(): t for t in topics.get("included") or [] if isinstance(t, str)}
    both = [t for t in topics.get("excluded") or [] if isinstance(t, str) and t.strip().casefold() in included]
    if both:
        errors["topics"] = f"“{both[0]}” is both included and excluded; keep it in one list."
    for tool, entry in as_dict(overrides).items():
        problem = _frequency_problem(as_dict(entry).get("frequency"), _TOOL_LABELS.get(tool, tool))
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
