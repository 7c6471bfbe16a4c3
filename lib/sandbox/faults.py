"""Fault injection for reliability tests: decided per API request before its handler runs, seeded, changeable live.

Kinds: "429" (with Retry-After), "500"/"503" (empty body), "malformed" (200 with a body that is not JSON) answer
instead of the handler, so a faulted write changes nothing; "slow" delays then runs normally; "unknown-enum" and
"missing-fields" run normally, then alter the JSON answer.
"""

from __future__ import annotations

import copy
import random
import threading
from typing import Any

from starlette.responses import Response

from lib.sandbox import errors
from lib.sandbox.options import FAULT_KINDS, SandboxOptions

REPLACING_KINDS = ("429", "500", "503", "malformed")
ALTERING_KINDS = ("unknown-enum", "missing-fields")
MALFORMED_BODY = '{"status": "ACTIVE", "marketingActivities": [{"marketingActivityId": <!-- upstream cut -->'
UNKNOWN_ENUM_VALUES = {
    "status": "PAUSED_BY_WIX",
    "marketingActivityType": "PODCAST_EPISODE",
    "channelName": "THREADS",
    "type": "CAROUSEL",
    "pointOfView": "ROYAL_WE",
    "goalKey": "WIN_AWARDS",
    "planGoalKey": "WIN_AWARDS",
    "frequency": "FORTNIGHTLY",
    "interval": "DECADE",
}
UNKNOWN_CHANNEL = "THREADS"
DROPPED_FIELDS = frozenset(
    {"title", "description", "caption", "scheduledDate", "accountId", "calendarId", "createdAt", "updatedAt"}
)


class FaultInjector:
    """Seeded fault decisions; settings can change while the server runs."""

    def __init__(self, options: SandboxOptions) -> None:
        self._lock = threading.Lock()
        self.rate = options.fault_rate
        self.kinds = tuple(options.fault_kinds)
        self.slow_seconds = options.slow_seconds
        self.retry_after_seconds = options.retry_after_seconds
        self.seed = options.fault_seed
        self._random = random.Random(self.seed)

    def settings(self) -> dict[str, Any]:
        """Current settings (names as in SandboxOptions)."""
        return {
            "fault_rate": self.rate,
            "fault_kinds": list(self.kinds),
            "slow_seconds": self.slow_seconds,
            "retry_after_seconds": self.retry_after_seconds,
            "fault_seed": self.seed,
        }

    def configure(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Change some settings; raises ApiError (400) on a bad value and changes nothing then."""
        unknown = sorted(set(changes) - set(self.settings()))
        if unknown:
            raise errors.invalid("faults", f"unknown settings {unknown}", "OTHER")
        rate = changes.get("fault_rate", self.rate)
        kinds = changes.get("fault_kinds", list(self.kinds))
        slow = changes.get("slow_seconds", self.slow_seconds)
        retry_after = changes.get("retry_after_seconds", self.retry_after_seconds)
        seed = changes.get("fault_seed", self.seed)
        if not _number(rate) or not 0 <= rate <= 1:
            raise errors.invalid("fault_rate", "must be a number from 0 to 1", "OUT_OF_RANGE")
        if not isinstance(kinds, list) or any(kind not in FAULT_KINDS for kind in kinds):
            raise errors.invalid("fault_kinds", f"must list kinds from {', '.join(FAULT_KINDS)}", "OTHER")
        for name, value in (("slow_seconds", slow), ("retry_after_seconds", retry_after)):
            if not _number(value) or value < 0:
                raise errors.invalid(name, "must be a number of seconds, at least 0", "OUT_OF_RANGE")
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise errors.invalid("fault_seed", "must be an integer", "FORMAT")
        with self._lock:
            self.rate, self.kinds, self.slow_seconds, self.retry_after_seconds = rate, tuple(kinds), slow, retry_after
            if "fault_seed" in changes:
                self.seed = seed
                self._random = random.Random(seed)
        return self.settings()

    def decide(self) -> str | None:
        """The fault for the next API request, or None."""
        with self._lock:
            if not self.kinds or self.rate <= 0 or self._random.random() >= self.rate:
                return None
            return self._random.choice(self.kinds)

    def replacing_response(self, kind: str) -> Response:
        """The answer sent instead of running the handler."""
        if kind == "429":
            return errors.rate_limited(self.retry_after_seconds).response()
        if kind in ("500", "503"):
            return errors.system_error(int(kind)).response()
        return Response(MALFORMED_BODY, status_code=200, media_type="application/json")


def alter(kind: str, payload: Any) -> Any:
    """A changed copy of a JSON answer: unknown enum strings, or optional fields dropped."""
    data = copy.deepcopy(payload)
    _walk(data, kind)
    return data


def _walk(node: Any, kind: str) -> None:
    if isinstance(node, list):
        for child in node:
            _walk(child, kind)
        return
    if not isinstance(node, dict):
        return
    for key in list(node):
        value = node[key]
        if kind == "missing-fields" and key in DROPPED_FIELDS:
            del node[key]
        elif kind == "unknown-enum" and isinstance(value, str) and key in UNKNOWN_ENUM_VALUES:
            node[key] = UNKNOWN_ENUM_VALUES[key]
        elif kind == "unknown-enum" and key == "channel" and isinstance(value, dict) and "name" in value:
            value["name"] = UNKNOWN_CHANNEL
        else:
            _walk(value, kind)


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
