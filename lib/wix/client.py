"""WixClient: one method per Marketing Plan API method, over one reused ``httpx.Client``.

Reads (GETs, GetMarketingActivityPosts, QueryEvents) retry on 429/5xx/timeouts/connection errors with bounded
backoff honouring ``Retry-After``; writes are sent exactly once. The logger ``lib.wix`` records method, path, status
and attempt, never headers or the key.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol

import httpx

from lib.wix import gaps
from lib.wix.errors import (
    MalformedResponseError,
    NotFoundError,
    UnsupportedByApiError,
    WixApiError,
    WixConnectionError,
    WixTimeoutError,
    error_from_response,
)
from lib.wix.models import (
    UNKNOWN_STATUS,
    Account,
    ActivityPosts,
    ActivityType,
    CalendarEvent,
    CalendarOption,
    GoalOption,
    MarketingActivity,
    MarketingPlan,
    MarketingSettings,
    PlanStatus,
    PointOfViewOption,
    ScheduledItem,
    Settings,
    format_datetime,
    parse_enum,
)
from lib.wix.retry import RetryPolicy

logger = logging.getLogger("lib.wix")

Params = Sequence[tuple[str, str]]


class _Revealable(Protocol):
    def reveal(self) -> str: ...


def _objects(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _object(body: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = body.get(key)
    return value if isinstance(value, dict) else {}


def _settings_path(path: str) -> str:
    """``topics`` -> ``settings.topics``; paths already under ``settings.``/``overrides.`` stay as given."""
    return path if path.startswith(("settings.", "overrides.")) else f"settings.{path}"


class WixClient:
    """Typed client of the Wix Marketing Plan API (and the Publisher's List Accounts)."""

    def __init__(
        self,
        base_url: str,
        auth: str | _Revealable,
        site_id: str | None,
        *,
        timeout: float = 10.0,
        max_read_attempts: int = 4,
        http: httpx.Client | None = None,
        retry_base_wait: float = 0.5,
        retry_max_wait: float = 10.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self.__auth = auth if isinstance(auth, str) else auth.reveal()
        self.site_id = site_id
        self._timeout = httpx.Timeout(timeout)
        self._retry = RetryPolicy(
            max_attempts=max_read_attempts, base_wait=retry_base_wait, max_wait=retry_max_wait, sleep=sleep
        )
        self._owns_http = http is None
        self._http = http if http is not None else httpx.Client(timeout=self._timeout)

    def __repr__(self) -> str:
        return f"WixClient(base_url={self._base_url!r}, site_id={self.site_id!r}, auth='***')"

    @property
    def base_url(self) -> str:
        return self._base_url

    def close(self) -> None:
        """Close the HTTP client if this object created it (a shared one stays open)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> WixClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ------------------------------------------------------------------ transport

    def _headers(self) -> dict[str, str]:
        headers = {"Authorization": self.__auth, "Content-Type": "application/json", "Accept": "application/json"}
        if self.site_id:
            headers["wix-site-id"] = self.site_id
        return headers

    def _send(
        self, method: str, path: str, params: Params | None, body: Mapping[str, Any] | None, attempt: list[int]
    ) -> dict[str, Any]:
        attempt[0] += 1
        try:
            response = self._http.request(
                method,
                self._base_url + path,
                params=list(params) if params else None,
                content=None if body is None else json.dumps(body).encode(),
                headers=self._headers(),
                timeout=self._timeout,
            )
        except httpx.TimeoutException as exc:
            logger.warning("%s %s -> timeout (attempt %d)", method, path, attempt[0])
            raise WixTimeoutError(f"no answer within {self._timeout.read} s", method=method, path=path) from exc
        except httpx.TransportError as exc:
            logger.warning("%s %s -> connection error %s (attempt %d)", method, path, type(exc).__name__, attempt[0])
            raise WixConnectionError(f"connection failed ({type(exc).__name__})", method=method, path=path) from exc
        logger.info("%s %s -> %d (attempt %d)", method, path, response.status_code, attempt[0])
        if not response.is_success:
            raise error_from_response(response)
        return self._json(response, method, path)

    @staticmethod
    def _json(response: httpx.Response, method: str, path: str) -> dict[str, Any]:
        if not response.content.strip():
            return {}
        try:
            data = json.loads(response.content)
        except (ValueError, UnicodeDecodeError):
            # `from None`: the decode error holds the whole body, which may echo the request
            raise MalformedResponseError(status=response.status_code, method=method, path=path) from None
        if not isinstance(data, dict):
            raise MalformedResponseError(
                f"expected a JSON object, got {type(data).__name__}",
                status=response.status_code,
                method=method,
                path=path,
            )
        return data

    def _read(
        self, method: str, path: str, *, params: Params | None = None, body: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """A read: retried on 429/5xx/timeouts/connection errors."""
        attempt = [0]
        return self._retry.retrying()(self._send, method, path, params, body, attempt)

    def _write(
        self, method: str, path: str, *, params: Params | None = None, body: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """A write: sent exactly once."""
        return self._send(method, path, params, body, [0])

    # ------------------------------------------------------------------ Marketing Plan V1

    def _plan_status(self, path: str) -> PlanStatus | str:
        body = self._write("POST", gaps.BASE_PATH + path, body=gaps.EMPTY_BODY)
        status = parse_enum(PlanStatus, body.get(gaps.PLAN_STATUS_FIELD))
        return UNKNOWN_STATUS if status is None else status

    def generate_marketing_plan(self) -> PlanStatus | str:
        """GenerateMarketingPlan: starts generation; returns the status (``GENERATING``)."""
        return self._plan_status("/marketing-plan/generate-marketing-plan")

    def regenerate_marketing_plan(self) -> PlanStatus | str:
        """RegenerateMarketingPlan: rebuilds upcoming activities of an existing plan."""
        return self._plan_status("/marketing-plan/regenerate-marketing-plan")

    def regenerate_marketing_plan_with_keyword_research(self) -> PlanStatus | str:
        """RegenerateMarketingPlanWithKeywordResearch: refreshes inputs, then regenerates."""
        return self._plan_status("/marketing-plan/regenerate-marketing-plan-with-keyword-research")

    def get_social_marketing_plan(self, start: datetime | None = None, end: datetime | None = None) -> MarketingPlan:
        """GetSocialMarketingPlan within an optional timeframe."""
        params: list[tuple[str, str]] = []
        if start is not None:
            params.append((gaps.PLAN_TIMEFRAME_START_PARAM, format_datetime(start)))
        if end is not None:
            params.append((gaps.PLAN_TIMEFRAME_END_PARAM, format_datetime(end)))
        return MarketingPlan.from_json(self._read("GET", gaps.BASE_PATH + "/marketing-plan", params=params))

    def generate_social_posts(self, activity_ids: Sequence[str]) -> None:
        """GenerateSocialPosts for 1..``gaps.GENERATE_POSTS_MAX_IDS`` activities; Wix writes the posts later."""
        self._write(
            "POST",
            gaps.BASE_PATH + "/marketing-plan/generate-social-posts",
            body={gaps.GENERATE_POSTS_IDS_FIELD: list(activity_ids)},
        )

    def get_marketing_activity_posts(self, activity_ids: Sequence[str]) -> list[ActivityPosts]:
        """GetMarketingActivityPosts (a read sent as POST)."""
        body = self._read(
            "POST",
            gaps.BASE_PATH + "/marketing-activity-posts",
            body={gaps.ACTIVITY_POSTS_IDS_FIELD: list(activity_ids)},
        )
        return [ActivityPosts.from_json(a) for a in _objects(body.get(gaps.ACTIVITY_POSTS_RESPONSE_FIELD))]

    def schedule_drafts(self, draft_ids: Sequence[str]) -> list[ScheduledItem]:
        """ScheduleDrafts for 1..``gaps.SCHEDULE_DRAFTS_MAX_IDS`` drafts; returns only the items this call scheduled."""
        body = self._write(
            "POST",
            gaps.BASE_PATH + "/marketing-plan/schedule-drafts",
            body={gaps.SCHEDULE_DRAFTS_IDS_FIELD: list(draft_ids)},
        )
        return [ScheduledItem.from_json(i) for i in _objects(body.get(gaps.SCHEDULE_DRAFTS_RESPONSE_FIELD))]

    def clear_marketing_activity_posts(self, activity_id: str) -> None:
        """ClearMarketingActivityPosts: removes the activity's draft posts."""
        self._write(
            "PATCH",
            gaps.BASE_PATH + "/marketing-plan/clear-marketing-activity-posts",
            body={gaps.ACTIVITY_ID_BODY_FIELD: activity_id},
        )

    def clear_marketing_activity_stories(self, activity_id: str) -> None:
        """ClearMarketingActivityStories: removes only the activity's story drafts."""
        self._write(
            "PATCH",
            gaps.BASE_PATH + "/marketing-plan/clear-marketing-activity-stories",
            body={gaps.ACTIVITY_ID_BODY_FIELD: activity_id},
        )

    def _regenerate_activity(self, path: str, activity_id: str) -> ActivityPosts:
        body = self._write("POST", gaps.BASE_PATH + path, body={gaps.ACTIVITY_ID_BODY_FIELD: activity_id})
        snapshot = _object(body, gaps.SNAPSHOT_RESPONSE_FIELD)
        posts = ActivityPosts.from_json(snapshot)
        return posts if posts.activity_id else ActivityPosts(activity_id, posts.items, snapshot)

    def regenerate_marketing_activity_posts(self, activity_id: str) -> ActivityPosts:
        """RegenerateMarketingActivityPosts; returns the transient snapshot."""
        return self._regenerate_activity("/marketing-plan/regenerate-marketing-activity-posts", activity_id)

    def regenerate_marketing_activity_posts_media(self, activity_id: str) -> ActivityPosts:
        """RegenerateMarketingActivityPostsMedia (new image, captions kept); returns the transient snapshot."""
        return self._regenerate_activity("/marketing-plan/regenerate-marketing-activity-posts-media", activity_id)

    def regenerate_marketing_activity_stories(self, activity_id: str) -> ActivityPosts:
        """RegenerateMarketingActivityStories; returns the transient snapshot."""
        return self._regenerate_activity("/marketing-plan/regenerate-marketing-activity-stories", activity_id)

    def delete_marketing_plan(self) -> None:
        """DeleteMarketingPlan: removes the plan and all its activities."""
        self._write("DELETE", gaps.BASE_PATH + "/marketing-plan")

    def delete_plan_marketing_activity(self, activity_id: str) -> None:
        """DeletePlanMarketingActivity."""
        self._write(
            "DELETE",
            gaps.BASE_PATH + "/marketing-plan/plan-marketing-activity",
            params=[(gaps.DELETE_ACTIVITY_ID_PARAM, activity_id)],
        )

    # ------------------------------------------------------------------ Marketing Activity V1

    def create_marketing_activity(
        self, title: str, description: str, target_date: datetime, activity_type: ActivityType | str
    ) -> MarketingActivity:
        """CreateMarketingActivity (URL is a gap-19 assumption: a 404/405/501 raises UnsupportedByApiError)."""
        activity = {
            "title": title,
            "description": description,
            gaps.ACTIVITY_TARGET_DATE_FIELD: format_datetime(target_date),
            gaps.ACTIVITY_TYPE_FIELD: str(activity_type),
        }
        try:
            body = self._write(
                gaps.CREATE_ACTIVITY_METHOD,
                gaps.BASE_PATH + gaps.CREATE_ACTIVITY_PATH,
                body={gaps.ACTIVITY_WRAPPER: activity},
            )
        except WixApiError as exc:
            if isinstance(exc, NotFoundError) or exc.status in (405, 501):
                raise UnsupportedByApiError(
                    "not supported by this API version", status=exc.status, method=exc.method, path=exc.path
                ) from exc
            raise
        return MarketingActivity.from_json(_object(body, gaps.ACTIVITY_WRAPPER))

    def update_marketing_activity(
        self,
        activity_id: str,
        *,
        title: str | None = None,
        description: str | None = None,
        target_date: datetime | None = None,
    ) -> MarketingActivity:
        """UpdateMarketingActivity: only the given fields are sent and listed in the fieldMask."""
        activity: dict[str, Any] = {"id": activity_id}
        if title is not None:
            activity["title"] = title
        if description is not None:
            activity["description"] = description
        if target_date is not None:
            activity[gaps.ACTIVITY_TARGET_DATE_FIELD] = format_datetime(target_date)
        mask = [name for name in gaps.ACTIVITY_UPDATABLE_FIELDS if name in activity]
        if not mask:
            raise ValueError("update_marketing_activity needs at least one of title, description, target_date")
        body = self._write(
            "PATCH",
            f"{gaps.BASE_PATH}/items/{activity_id}",
            body={gaps.ACTIVITY_WRAPPER: activity, gaps.FIELD_MASK_FIELD: mask},
        )
        return MarketingActivity.from_json(_object(body, gaps.ACTIVITY_WRAPPER))

    def get_marketing_activity(self, activity_id: str) -> MarketingActivity:
        """GetMarketingActivity."""
        body = self._read("GET", gaps.BASE_PATH + "/marketing-activity", params=[("id", activity_id)])
        return MarketingActivity.from_json(_object(body, gaps.ACTIVITY_WRAPPER))

    # ------------------------------------------------------------------ Calendar Event V1

    def create_event(self, event: CalendarEvent) -> CalendarEvent:
        """CreateEvent: one-time (``date``) or recurring (``recurring_rule``)."""
        body = self._write("POST", gaps.BASE_PATH + "/events", body={gaps.CREATE_EVENT_WRAPPER: event.to_json()})
        return CalendarEvent.from_json(_object(body, gaps.CREATE_EVENT_WRAPPER))

    def update_event(self, event: CalendarEvent) -> CalendarEvent:
        """UpdateEvent: full replacement of the event with ``event.id``."""
        if not event.id:
            raise ValueError("update_event needs an event with an id")
        body = self._write(
            "PUT",
            f"{gaps.BASE_PATH}/events/{event.id}",
            body={gaps.UPDATE_EVENT_WRAPPER: {"id": event.id, **event.to_json()}},
        )
        return CalendarEvent.from_json(_object(body, gaps.UPDATE_EVENT_WRAPPER))

    def delete_event(self, event_id: str) -> None:
        """DeleteEvent."""
        self._write("DELETE", f"{gaps.BASE_PATH}/events/{event_id}")

    def query_events(self, start: datetime, end: datetime) -> list[CalendarEvent]:
        """QueryEvents between ``start`` and ``end`` (both inclusive); at most 100, date ascending."""
        query = {"filter": {"date": {"$gte": format_datetime(start), "$lte": format_datetime(end)}}}
        body = self._read("POST", gaps.BASE_PATH + "/events/query", body={gaps.QUERY_EVENTS_WRAPPER: query})
        return [CalendarEvent.from_json(e) for e in _objects(body.get(gaps.QUERY_EVENTS_RESPONSE_FIELD))]

    # ------------------------------------------------------------------ Marketing Settings V1

    def get_marketing_settings(self) -> MarketingSettings:
        """GetMarketingSettings."""
        body = self._read("GET", gaps.BASE_PATH + "/marketing-settings")
        return MarketingSettings.from_json(_object(body, gaps.SETTINGS_WRAPPER))

    def upsert_marketing_settings(
        self,
        settings: Mapping[str, Any] | Settings,
        field_mask: Sequence[str],
        overrides: Mapping[str, Any] | None = None,
    ) -> MarketingSettings:
        """UpsertMarketingSettings: writes only the masked paths.

        ``settings`` is the camelCase wire dict (or a :class:`Settings`); mask paths may be given as
        ``settings.topics`` / ``overrides.socialMarketing.frequency`` or bare (``topics`` -> ``settings.topics``).
        """
        wire_settings = settings.to_json() if isinstance(settings, Settings) else dict(settings)
        marketing_settings: dict[str, Any] = {"settings": wire_settings}
        if overrides is not None:
            marketing_settings["overrides"] = dict(overrides)
        body = self._write(
            "POST",
            gaps.BASE_PATH + "/marketing-settings",
            body={
                gaps.SETTINGS_WRAPPER: marketing_settings,
                gaps.FIELD_MASK_FIELD: [_settings_path(p) for p in field_mask],
            },
        )
        return MarketingSettings.from_json(_object(body, gaps.SETTINGS_WRAPPER))

    def get_marketing_settings_defaults(self, fields: Sequence[str] | None = None) -> Settings:
        """GetMarketingSettingsDefaults, optionally limited to ``fields`` (socialChannels, calendar, ...)."""
        params = [(gaps.DEFAULTS_MASK_PARAM, f) for f in fields or ()]
        body = self._read("GET", gaps.BASE_PATH + "/marketing-settings/defaults", params=params)
        return Settings.from_json(_object(body, gaps.DEFAULTS_RESPONSE_FIELD))

    def _options(self, path: str) -> list[dict[str, Any]]:
        body = self._read("GET", gaps.BASE_PATH + "/marketing-settings" + path)
        return _objects(body.get(gaps.OPTIONS_FIELD))

    def get_plan_goal_options(self) -> list[GoalOption]:
        """GetPlanGoalOptions, in display order."""
        return [GoalOption.from_json(o) for o in self._options("/plan-goal-options")]

    def get_point_of_view_options(self) -> list[PointOfViewOption]:
        """GetPointOfViewOptions, in display order."""
        return [PointOfViewOption.from_json(o) for o in self._options("/point-of-view-options")]

    def get_calendar_options(self) -> list[CalendarOption]:
        """GetCalendarOptions."""
        return [CalendarOption.from_json(o) for o in self._options("/calendar-options")]

    # ------------------------------------------------------------------ Publisher

    def list_accounts(self, channel: str | None = None) -> list[Account]:
        """Publisher List Accounts: the connected social accounts, optionally of one channel."""
        params = [(gaps.ACCOUNTS_CHANNEL_PARAM, str(channel))] if channel else None
        body = self._read("GET", gaps.PUBLISHER_PATH + gaps.ACCOUNTS_PATH, params=params)
        return [Account.from_json(a) for a in _objects(body.get(gaps.ACCOUNTS_RESPONSE_FIELD))]
