"""HTTP routes: the Wix Marketing Plan REST surface (wire contract) and the `/_sandbox/` admin routes."""

from __future__ import annotations

import asyncio
import json
import logging
from collections import Counter, deque
from collections.abc import Callable
from typing import Any

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from lib.sandbox import errors, faults, gaps, marketing_settings, scenarios
from lib.sandbox.errors import ApiError
from lib.sandbox.options import SandboxOptions
from lib.sandbox.sites import Site
from lib.sandbox.store import Store

logger = logging.getLogger("lib.sandbox")

Handler = Callable[[Site, Request, dict[str, Any]], dict[str, Any]]
REQUEST_LOG_SIZE = 2000


class RequestLog:
    """Bounded log of API calls plus running counts."""

    def __init__(self, size: int = REQUEST_LOG_SIZE) -> None:
        self.entries: deque[dict[str, Any]] = deque(maxlen=size)
        self.by_status: Counter[str] = Counter()
        self.by_route: Counter[str] = Counter()
        self.total = 0

    def record(self, request: Request, route: str, status: int, fault: str | None) -> None:
        """Add one call."""
        site = request.headers.get(gaps.SITE_HEADER)
        entry = {
            "method": request.method,
            "path": request.url.path,
            "query": request.url.query,
            "status": status,
            "site": site,
            "fault": fault,
        }
        self.entries.append(entry)
        self.by_status[str(status)] += 1
        self.by_route[f"{request.method} {route}"] += 1
        self.total += 1

    def snapshot(self) -> dict[str, Any]:
        """The log as JSON."""
        counts = {"total": self.total, "byStatus": dict(self.by_status), "byRoute": dict(self.by_route)}
        return {"requests": list(self.entries), "counts": counts}

    def reset(self) -> None:
        """Forget everything."""
        self.entries.clear()
        self.by_status.clear()
        self.by_route.clear()
        self.total = 0


class SandboxState:
    """Everything the routes share: options, store, fault injector, request log."""

    def __init__(self, options: SandboxOptions) -> None:
        self.options = options
        self.store = Store(options.db_path)
        self.faults = faults.FaultInjector(options)
        self.log = RequestLog()

    def open_site(self, site_id: str) -> Site:
        """The site (seeded from the scenario on first use) with its due jobs finished."""
        site = Site(self.store, site_id, self.options)
        if site.meta is None:
            scenarios.seed(site, self.options.scenario)
        site.advance()
        return site

    def close(self) -> None:
        """Close the store."""
        self.store.close()


def _authenticate(request: Request, options: SandboxOptions, publisher: bool) -> str:
    """The site id of an authorised call (reference section 6)."""
    auth = request.headers.get(gaps.AUTH_HEADER, "").strip()
    if not auth:
        raise errors.unauthenticated("Missing Authorization header")
    site_id = request.headers.get(gaps.SITE_HEADER, "").strip()
    if not site_id:
        raise errors.unauthenticated("Missing wix-site-id header: site-level API calls need the site id")
    owner_key = options.site_keys.get(site_id)
    if owner_key is not None and auth != owner_key:
        raise errors.unauthenticated("This API key does not belong to the account that owns this site")
    if auth in options.forbidden_keys:
        if publisher:
            raise errors.permission_denied(gaps.PUBLISHER_PERMISSION_NAME, gaps.PUBLISHER_PERMISSION_SCOPE)
        raise errors.permission_denied(gaps.PERMISSION_NAME, gaps.PERMISSION_SCOPE)
    return site_id


async def _json_body(request: Request) -> dict[str, Any]:
    if request.method in ("GET", "DELETE"):
        return {}
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except ValueError:
        raise errors.invalid("body", "is not valid JSON", "FORMAT") from None
    if not isinstance(body, dict):
        raise errors.invalid("body", "must be a JSON object", "FORMAT")
    return body


def _api_route(state: SandboxState, method: str, path: str, handler: Handler, *, write: bool) -> Route:
    """An API route: fault decision first, then auth, body, site, handler; every call logged."""
    publisher = path.startswith(gaps.PUBLISHER_BASE)

    async def endpoint(request: Request) -> Response:
        fault = state.faults.decide()
        if fault in faults.REPLACING_KINDS:
            response = state.faults.replacing_response(fault)
        else:
            if fault == "slow":
                await asyncio.sleep(state.faults.slow_seconds)
            response = await _run(request, fault)
        state.log.record(request, path, response.status_code, fault)
        return response

    async def _run(request: Request, fault: str | None) -> Response:
        try:
            site_id = _authenticate(request, state.options, publisher)
            body = await _json_body(request)
            site = state.open_site(site_id)
            payload = handler(site, request, body)
            if write:
                site.engage()
        except ApiError as error:
            return error.response()
        except ClientDisconnect:  # the caller gave up (its timeout) before sending the whole body: nothing ran
            logger.info("caller went away: %s %s", request.method, request.url.path)
            return Response(status_code=499)
        except Exception:
            logger.exception("sandbox handler failed: %s %s", request.method, request.url.path)
            return errors.system_error(500).response()
        if fault in faults.ALTERING_KINDS:
            payload = faults.alter(fault, payload)
        return JSONResponse(payload)

    return Route(path, endpoint, methods=[method])


def _param(request: Request, name: str) -> str | None:
    return request.query_params.get(name)


def _api_routes(state: SandboxState) -> list[Route]:
    b = gaps.BASE
    plan = f"{b}/marketing-plan"
    table: list[tuple[str, str, Handler, bool]] = [
        ("POST", f"{plan}/generate-marketing-plan", lambda s, r, body: s.start_generation("generate"), True),
        ("POST", f"{plan}/regenerate-marketing-plan", lambda s, r, body: s.start_generation("regenerate"), True),
        (
            "POST",
            f"{plan}/regenerate-marketing-plan-with-keyword-research",
            lambda s, r, body: s.start_generation("keyword"),
            True,
        ),
        (
            "GET",
            plan,
            lambda s, r, body: s.plan(_param(r, gaps.TIMEFRAME_START_PARAM), _param(r, gaps.TIMEFRAME_END_PARAM)),
            False,
        ),
        ("DELETE", plan, lambda s, r, body: s.delete_plan(), True),
        ("POST", f"{plan}/generate-social-posts", lambda s, r, body: s.generate_social_posts(body), True),
        ("POST", f"{b}/marketing-activity-posts", lambda s, r, body: s.activity_posts(body), False),
        ("POST", f"{plan}/schedule-drafts", lambda s, r, body: s.schedule_drafts(body), True),
        ("PATCH", f"{plan}/clear-marketing-activity-posts", lambda s, r, body: s.clear_posts(body, False), True),
        ("PATCH", f"{plan}/clear-marketing-activity-stories", lambda s, r, body: s.clear_posts(body, True), True),
        (
            "POST",
            f"{plan}/regenerate-marketing-activity-posts",
            lambda s, r, body: s.regenerate_activity(body, "posts"),
            True,
        ),
        (
            "POST",
            f"{plan}/regenerate-marketing-activity-posts-media",
            lambda s, r, body: s.regenerate_activity(body, "media"),
            True,
        ),
        (
            "POST",
            f"{plan}/regenerate-marketing-activity-stories",
            lambda s, r, body: s.regenerate_activity(body, "stories"),
            True,
        ),
        ("DELETE", f"{plan}/plan-marketing-activity", lambda s, r, body: s.delete_activity(_param(r, "id")), True),
        ("GET", f"{b}/marketing-activity", lambda s, r, body: s.get_activity(_param(r, "id")), False),
        ("POST", f"{b}/marketing-activity", lambda s, r, body: s.create_activity(body), True),
        ("PATCH", f"{b}/items/{{id}}", lambda s, r, body: s.update_activity(r.path_params["id"], body), True),
        ("POST", f"{b}/events/query", lambda s, r, body: s.query_events(body), False),
        ("POST", f"{b}/events", lambda s, r, body: s.create_event(body), True),
        ("PUT", f"{b}/events/{{id}}", lambda s, r, body: s.update_event(r.path_params["id"], body), True),
        ("DELETE", f"{b}/events/{{id}}", lambda s, r, body: s.delete_event(r.path_params["id"]), True),
        ("GET", f"{b}/marketing-settings", lambda s, r, body: s.get_settings(), False),
        ("POST", f"{b}/marketing-settings", lambda s, r, body: s.upsert_settings(body), True),
        (
            "GET",
            f"{b}/marketing-settings/defaults",
            lambda s, r, body: marketing_settings.defaults(s.id, _defaults_mask(r)),
            False,
        ),
        ("GET", f"{b}/marketing-settings/plan-goal-options", lambda s, r, body: _goal_options(), False),
        ("GET", f"{b}/marketing-settings/point-of-view-options", lambda s, r, body: _pov_options(), False),
        ("GET", f"{b}/marketing-settings/calendar-options", lambda s, r, body: s.calendar_options(), False),
        ("GET", f"{gaps.PUBLISHER_BASE}/accounts", lambda s, r, body: s.accounts(_param(r, "channelName")), False),
    ]
    routes = [_api_route(state, method, path, handler, write=write) for method, path, handler, write in table]
    all_methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]
    for prefix in (gaps.BASE, gaps.PUBLISHER_BASE):
        for method in all_methods:
            routes.append(_api_route(state, method, f"{prefix}/{{rest:path}}", _no_such_method, write=False))
    return routes


def _no_such_method(site: Site, request: Request, body: dict[str, Any]) -> dict[str, Any]:
    raise errors.not_found(f"no method at {request.method} {request.url.path}")


def _defaults_mask(request: Request) -> list[str]:
    """GetMarketingSettingsDefaults mask (gap 29): repeated parameter, comma-separated values accepted."""
    values = [v for name in gaps.DEFAULTS_MASK_PARAMS for v in request.query_params.getlist(name)]
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _goal_options() -> dict[str, Any]:
    return {"options": [{gaps.GOAL_OPTION_FIELD: goal} for goal in gaps.PLAN_GOALS]}


def _pov_options() -> dict[str, Any]:
    return {"options": [{gaps.POINT_OF_VIEW_OPTION_FIELD: pov} for pov in gaps.POINTS_OF_VIEW]}


def _admin_routes(state: SandboxState) -> list[Route]:
    a = gaps.ADMIN_BASE

    def admin(handler: Callable[[Request, dict[str, Any]], dict[str, Any]]) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> Response:
            try:
                return JSONResponse(handler(request, await _json_body(request)))
            except ApiError as error:
                return error.response()

        return endpoint

    def site(request: Request) -> Site:
        return state.open_site(request.path_params["site_id"])

    def forget_site(request: Request, body: dict[str, Any]) -> dict[str, Any]:
        state.store.drop_site(request.path_params["site_id"])
        return {}

    def reset_log(request: Request, body: dict[str, Any]) -> dict[str, Any]:
        state.log.reset()
        return {}

    def health(request: Request, body: dict[str, Any]) -> dict[str, Any]:
        options = state.options
        return {
            "status": "ok",
            "scenario": options.scenario,
            "progression": options.progression,
            "sites": state.store.site_count(),
        }

    return [
        Route(f"{a}/health", admin(health), methods=["GET"]),
        Route(f"{a}/requests", admin(lambda r, body: state.log.snapshot()), methods=["GET"]),
        Route(f"{a}/requests", admin(reset_log), methods=["DELETE"]),
        Route(f"{a}/faults", admin(lambda r, body: state.faults.settings()), methods=["GET"]),
        Route(f"{a}/faults", admin(lambda r, body: state.faults.configure(body)), methods=["PUT"]),
        Route(f"{a}/sites/{{site_id}}", admin(lambda r, body: site(r).summary()), methods=["GET"]),
        Route(f"{a}/sites/{{site_id}}", admin(forget_site), methods=["DELETE"]),
        Route(
            f"{a}/sites/{{site_id}}/channels",
            admin(lambda r, body: site(r).set_connected(body.get("connected"))),
            methods=["PUT"],
        ),
        Route(
            f"{a}/sites/{{site_id}}/premium",
            admin(lambda r, body: site(r).set_premium(body.get("enabled"))),
            methods=["PUT"],
        ),
        Route(
            f"{a}/sites/{{site_id}}/fail-next-generation",
            admin(lambda r, body: site(r).fail_next_generation()),
            methods=["POST"],
        ),
        Route(f"{a}/sites/{{site_id}}/idle", admin(lambda r, body: site(r).make_idle()), methods=["POST"]),
        Route(
            f"{a}/sites/{{site_id}}/complete-jobs",
            admin(lambda r, body: site(r).complete_jobs()),
            methods=["POST"],
        ),
    ]


def create_app(options: SandboxOptions) -> Starlette:
    """The sandbox ASGI app; `app.state.sandbox` holds the shared state (close it when done)."""
    state = SandboxState(options)
    app = Starlette(routes=[*_admin_routes(state), *_api_routes(state)])
    app.state.sandbox = state
    return app
