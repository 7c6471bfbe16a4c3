"""Calendar events: validation of create/update bodies, recurring occurrences, QueryEvents."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from typing import Any

from lib.sandbox import clock, errors, gaps

_MONTH_STEPS = {"MONTHLY": 1, "YEARLY": 12}


def validate(raw: Any, wrapper: str) -> dict[str, Any]:
    """Writable fields of a create/update body, normalised; raises the documented errors (reference C1/C2)."""
    if not isinstance(raw, dict):
        raise errors.invalid(wrapper, "is required and must be an object", "REQUIRED_FIELD")
    violations: list[tuple[str, str, str, dict[str, Any]]] = []
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        violations.append((f"{wrapper}.name", "is required", "REQUIRED_FIELD", {}))  # gap 25
    elif len(name) > gaps.EVENT_TEXT_MAX:
        violations.append((f"{wrapper}.name", f"must be at most {gaps.EVENT_TEXT_MAX} characters", "MAX_LENGTH", {}))
    description = raw.get("description")
    if description is not None and not isinstance(description, str):
        violations.append((f"{wrapper}.description", "must be a string", "FORMAT", {}))
    elif isinstance(description, str) and len(description) > gaps.EVENT_TEXT_MAX:
        limit = gaps.EVENT_TEXT_MAX
        violations.append((f"{wrapper}.description", f"must be at most {limit} characters", "MAX_LENGTH", {}))
    if violations:
        raise errors.invalid_many(violations)
    event: dict[str, Any] = {"name": name}
    if description:
        event["description"] = description
    rule = raw.get("recurringRule")
    if rule is not None:
        event["recurringRule"] = _validate_rule(rule, f"{wrapper}.recurringRule")
    elif raw.get("date") is not None:
        moment = clock.parse_iso(raw.get("date"))
        if moment is None:
            raise errors.invalid(f"{wrapper}.date", "must be an ISO-8601 date-time", "FORMAT")
        event["date"] = clock.iso(moment)
    else:
        raise errors.invalid(wrapper, "needs either date (one-time) or recurringRule (recurring)", "REQUIRED_FIELD")
    return event


def _validate_rule(rule: Any, where: str) -> dict[str, Any]:
    if not isinstance(rule, dict):
        raise errors.invalid(where, "must be an object", "FORMAT")
    frequency = rule.get("frequency")
    if frequency in (None, "", gaps.RECURRING_INVALID):
        raise errors.failed_precondition(
            gaps.CODE_INVALID_RECURRING_RULE, "recurringRule.frequency is required and must not be UNKNOWN"
        )
    if frequency not in gaps.RECURRING_FREQUENCIES:
        allowed = ", ".join(gaps.RECURRING_FREQUENCIES)
        raise errors.invalid(f"{where}.frequency", f"must be one of {allowed}", "INVALID_ENUM_VALUE")
    start = clock.parse_iso(rule.get("startDate"))
    if start is None:
        raise errors.invalid(f"{where}.startDate", "is required: an ISO-8601 date-time", "REQUIRED_FIELD")  # gap 24
    result = {"frequency": frequency, "startDate": clock.iso(start)}
    if rule.get("endDate") is not None:
        end = clock.parse_iso(rule.get("endDate"))
        if end is None or end < start:
            raise errors.invalid(f"{where}.endDate", "must be an ISO-8601 date-time not before startDate", "FORMAT")
        result["endDate"] = clock.iso(end)
    return result


def occurrences(event: dict[str, Any], low: datetime, high: datetime, limit: int) -> list[datetime]:
    """Moments of the event inside [low, high] (inclusive), at most `limit`; one-time events have one at most."""
    rule = event.get("recurringRule")
    if rule is None:
        moment = clock.parse_iso(event.get("date"))
        return [moment] if moment is not None and low <= moment <= high else []
    start = clock.parse_iso(rule["startDate"])
    assert start is not None
    end = clock.parse_iso(rule.get("endDate"))
    last = min(high, end) if end is not None else high
    out: list[datetime] = []
    if rule["frequency"] == "WEEKLY":
        step = timedelta(weeks=1)
        skip = max(0, (low - start) // step)
        moment = start + skip * step
        while moment <= last and len(out) < limit:
            if moment >= low:
                out.append(moment)
            moment += step
        return out
    months = _MONTH_STEPS[rule["frequency"]]
    index = max(0, ((low.year - start.year) * 12 + low.month - start.month) // months - 1)
    while len(out) < limit:
        moment = datetime.combine(clock.add_months(start.date(), index * months), start.timetz())
        if moment > last:
            break
        if moment >= low:
            out.append(moment)
        index += 1
    return out


def render(event: dict[str, Any]) -> dict[str, Any]:
    """Wire form of a stored event."""
    return copy.deepcopy(event)


def query(events: list[dict[str, Any]], body: dict[str, Any]) -> list[dict[str, Any]]:
    """QueryEvents: events with a date or an occurrence inside [$gte, $lte], date ascending, at most 100."""
    low, high = _query_bounds(body)
    found: list[tuple[datetime, str, dict[str, Any]]] = []
    for event in events:
        moments = occurrences(event, low, high, gaps.OCCURRENCES_MAX)
        if not moments:
            continue
        item = render(event)
        if "recurringRule" in event:
            item[gaps.OCCURRENCES_FIELD] = [{"date": clock.iso(moment)} for moment in moments]
        found.append((moments[0], event["id"], item))
    found.sort(key=lambda entry: (entry[0], entry[1]))
    return [item for _, _, item in found[: gaps.QUERY_EVENTS_MAX]]


def _query_bounds(body: dict[str, Any]) -> tuple[datetime, datetime]:
    query = body.get(gaps.QUERY_WRAPPER)
    date_filter = ((query or {}).get("filter") or {}).get("date") if isinstance(query, dict) else None
    bounds = []
    for op in ("$gte", "$lte"):
        value = date_filter.get(op) if isinstance(date_filter, dict) else None
        moment = clock.parse_iso(value)
        if moment is None:
            field = f"{gaps.QUERY_WRAPPER}.filter.date.{op}"
            raise errors.invalid(field, "is required: an ISO-8601 date-time", "REQUIRED_FIELD")
        bounds.append(moment)
    return bounds[0], bounds[1]
