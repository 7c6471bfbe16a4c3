"""Shared helpers for the sandbox tests: HTTP clients with Wix headers, finishing jobs, plan walking."""

from __future__ import annotations

import ssl
import uuid
from collections.abc import Iterator
from typing import Any

import httpx

BASE = "/promote/marketing-plan-service/v1"
PLAN = f"{BASE}/marketing-plan"
# one TLS context for every client: httpx builds a new one (about 0.2 s) per client otherwise; all calls are plain http
TLS = ssl.create_default_context()


def new_site() -> str:
    """A site id no other test uses."""
    return f"site-{uuid.uuid4()}"


def client(base_url: str, site: str | None = None, auth: str | None = "test-key") -> httpx.Client:
    """An httpx client sending the Wix headers (omit one by passing None)."""
    headers = {"Content-Type": "application/json"}
    if auth is not None:
        headers["Authorization"] = auth
    if site is not None:
        headers["wix-site-id"] = site
    return httpx.Client(base_url=base_url, headers=headers, timeout=10.0, verify=TLS)


def admin(sandbox: Any, method: str, path: str, body: dict[str, Any] | None = None) -> httpx.Response:
    """A call to the sandbox's /_sandbox/ admin routes (no Wix headers)."""
    return httpx.request(method, f"{sandbox.base_url}/_sandbox{path}", json=body, timeout=10.0, verify=TLS)


def complete_jobs(api: httpx.Client) -> dict[str, Any]:
    """Finish the site's pending generation and post jobs (admin route; these tests' sandboxes progress manually)."""
    response = api.post(f"/_sandbox/sites/{api.headers['wix-site-id']}/complete-jobs")
    assert response.status_code == 200, response.text
    return response.json()


def get_plan(api: httpx.Client, **params: str) -> dict[str, Any]:
    """GetSocialMarketingPlan, asserting 200."""
    response = api.get(PLAN, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def finish_plan(api: httpx.Client, **params: str) -> dict[str, Any]:
    """Finish the site's jobs, then GetSocialMarketingPlan, asserting the generation ended ACTIVE or FAILED."""
    complete_jobs(api)
    plan = get_plan(api, **params)
    assert plan["status"] in ("ACTIVE", "FAILED"), plan
    return plan


def items(plan: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(activity, item) pairs of a plan."""
    for activity in plan["marketingActivities"]:
        for item in activity["items"]:
            yield activity, item


def content(item: dict[str, Any]) -> dict[str, Any]:
    """The per-channel content object of an item."""
    keys = [key for key in item if key.endswith(("Post", "Story", "Photo"))]
    assert len(keys) == 1, item
    return item[keys[0]]


def activity_posts(api: httpx.Client, activity_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """GetMarketingActivityPosts as {activity id: items}."""
    response = api.post(f"{BASE}/marketing-activity-posts", json={"marketingActivityIds": activity_ids})
    assert response.status_code == 200, response.text
    return {entry["marketingActivityId"]: entry["items"] for entry in response.json()["marketingActivities"]}


def app_error(response: httpx.Response) -> dict[str, Any]:
    """The applicationError of a Wix error body."""
    body = response.json()
    assert isinstance(body["message"], str) and body["message"]
    return body["details"]["applicationError"]


def violations(response: httpx.Response) -> list[dict[str, Any]]:
    """The fieldViolations of a Wix validation error body."""
    assert response.status_code == 400, response.text
    return response.json()["details"]["validationError"]["fieldViolations"]
