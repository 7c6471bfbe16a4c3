"""Shared by the team browser tests: what the sandbox holds (plan, activity, events, request log), a studio with two
sites configured in a temporary secrets file, and a few ways of reading or driving the screen."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
from playwright.sync_api import Locator, Page, expect

from lib.sandbox.server import SandboxOptions, start_sandbox
from tests.e2e.conftest import (
    GENERATION_SECONDS,
    PLAN_BASE,
    POST_SECONDS,
    RUN_TIMEOUT_MS,
    app_env,
    running_app,
)

Activity = dict[str, Any]
Item = dict[str, Any]


# --- what the sandbox holds --------------------------------------------------------------------------------------


def sandbox_api(sandbox_url: str, site_id: str, api_key: str = "e2e-key") -> httpx.Client:
    """Direct line to the plan service of one sandbox site."""
    return httpx.Client(
        base_url=sandbox_url + PLAN_BASE, headers={"Authorization": api_key, "wix-site-id": site_id}, timeout=10
    )


def by_date(plan: dict[str, Any]) -> list[Activity]:
    """The plan's activities by date, as the app lists them."""
    return sorted(plan["marketingActivities"], key=lambda activity: activity["date"])


def plan_items(plan: dict[str, Any]) -> list[Item]:
    """Every post item of the plan."""
    return [item for activity in plan["marketingActivities"] for item in activity["items"]]


def content(item: Item) -> dict[str, Any]:
    """The channel-specific content of an item (`facebookPost`, `instagramStory`, ...)."""
    return next(value for value in item.values() if isinstance(value, dict) and "caption" in value)


def caption(item: Item) -> str:
    return content(item)["caption"]


def image_url(item: Item) -> str:
    return content(item)["mediaWrapper"]["media"][0]["url"]


def channel(item: Item) -> str:
    return item["channel"]["name"]


def end_of_next_month(today: date) -> date:
    return (today.replace(day=1) + timedelta(days=62)).replace(day=1) - timedelta(days=1)


def events_between(api: httpx.Client, first: date, last: date) -> list[dict[str, Any]]:
    """POST /events/query over whole days [first, last] (UTC)."""
    start = datetime.combine(first, time.min, tzinfo=UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    end = datetime.combine(last, time.max, tzinfo=UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    query = {"query": {"filter": {"date": {"$gte": start, "$lte": end}}}}
    return api.post("/events/query", json=query).raise_for_status().json()["calendarEvents"]


def request_log(sandbox_url: str) -> list[dict[str, Any]]:
    """Every API request the sandbox logged (method, path, status, site, fault)."""
    return httpx.get(f"{sandbox_url}/_sandbox/requests").raise_for_status().json()["requests"]


# --- what the user sees ------------------------------------------------------------------------------------------


def plan_status(page: Page, words: str) -> Locator:
    """The plan status line (a level-3 heading: icon, then the status in words)."""
    return page.get_by_role("heading", level=3, name=re.compile(rf"\b{re.escape(words)}$"))


def query(page: Page) -> dict[str, list[str]]:
    """The page address's query parameters."""
    return parse_qs(urlparse(page.url).query)


def open_view(page: Page, view: str, title: str) -> None:
    """Click a view in the sidebar navigation and wait for its title."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=view, exact=True).click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible(timeout=RUN_TIMEOUT_MS)


def multiselect(page: Page, label: str) -> Locator:
    """The `st.multiselect` labelled `label`."""
    return page.get_by_test_id("stMultiSelect").filter(has=page.get_by_text(label, exact=True))


def pick_in_multiselect(page: Page, label: str, option: str) -> None:
    """Open a multiselect, pick an option, close the list. The box is first scrolled to the middle of the window, as a
    user would look at it: near the window's bottom edge, the scroll Playwright makes to click it closes the list it
    opens (the list closes on scroll), so the click only focused the box (seen once the Plan view had two more
    caption lines above the posts filters)."""
    box = multiselect(page, label)
    box.evaluate("element => element.scrollIntoView({block: 'center'})")
    box.locator("input").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    expect_chosen(page, label, [option])


def expect_chosen(page: Page, label: str, values: list[str]) -> None:
    """Wait until a multiselect holds `values` (its tags, in order)."""
    tags = multiselect(page, label).locator("[data-tag]")
    expect(tags).to_have_count(len(values))
    for index, value in enumerate(values):
        expect(tags.nth(index)).to_have_attribute("aria-label", value)


# --- a studio with two sites -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteSetup:
    """One `[sites.NAME]` section and the sandbox site behind it."""

    name: str
    label: str
    site_id: str
    api_key: str


@dataclass(frozen=True)
class TwoSiteStudio:
    url: str
    sandbox_url: str
    sites: tuple[SiteSetup, ...]


def sites_toml(sites: tuple[SiteSetup, ...], base_url: str) -> str:
    return "".join(
        f'[sites.{site.name}]\nlabel = "{site.label}"\napi_key = "{site.api_key}"\n'
        f'site_id = "{site.site_id}"\nbase_url = "{base_url}"\n\n'
        for site in sites
    )


@contextmanager
def two_site_studio(tmp_path: Path) -> Iterator[TwoSiteStudio]:
    """The app with `[sites.shop]` and `[sites.blog]` in a temporary secrets file (no WIX_* variables), against a
    demo sandbox that accepts each site's key for that site only (another site's key gets 401)."""
    sites = (
        SiteSetup("shop", "Shop", f"e2e-shop-{uuid.uuid4()}", "shop-key"),
        SiteSetup("blog", "Blog", f"e2e-blog-{uuid.uuid4()}", "blog-key"),
    )
    options = SandboxOptions(
        db_path=str(tmp_path / "sandbox.db"),
        scenario="demo",
        generation_seconds=GENERATION_SECONDS,
        post_seconds=POST_SECONDS,
        site_keys={site.site_id: site.api_key for site in sites},
    )
    with start_sandbox(options) as sandbox:
        secrets_file = tmp_path / "secrets.toml"
        secrets_file.write_text(sites_toml(sites, sandbox.base_url))
        env = app_env(STUDIO_ALLOW_ANONYMOUS="true", STREAMLIT_SECRETS_FILES=str(secrets_file))
        with running_app(tmp_path, env) as url:
            yield TwoSiteStudio(url=url, sandbox_url=sandbox.base_url, sites=sites)
