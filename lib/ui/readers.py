"""Cached reads, keyed by site, with TTL and size bounds; forgotten after every mutation that changes them.

The site ID is the cache key; the client is not part of it. The plan status read by the polling
fragment is never cached (see `lib/ui/plan_status.py`).

Each cache key also carries how many writes of that kind this process has seen. Clearing alone is not enough: with
Streamlit's fast reruns (`runner.fastReruns`, on by default) a second click starts a new script thread while the
first is still running (streamlit/runtime/app_session.py, `AppSession.request_rerun`), so a read that started before
a write can finish after the write cleared the cache, and would have stored the old values for a whole TTL (seen:
Settings showing the old values for minutes after a save). With the count in the key, such a late read lands under
a key no later run asks for.

The caches are `cachetools.TTLCache`s, not `st.cache_resource`: the Plan view looks up three of them on every run,
and `st.cache_resource` spends about 0.3 ms a lookup hashing its arguments and recording the call for its message
replay (measured on this machine), where a TTLCache lookup of a small tuple costs about a microsecond. They keep time
with the clock Streamlit's own caches use (`cache_utils.TTLCACHE_TIMER`), so the benchmark's simulated clock
(benchmarks/apptest.py) moves every cached read at once.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime

from cachetools import TTLCache, cached
from streamlit.runtime.caching import cache_utils

from lib.ui.selection import data_changed
from lib.wix.client import WixClient
from lib.wix.models import (
    Account,
    CalendarEvent,
    CalendarOption,
    GoalOption,
    MarketingPlan,
    MarketingSettings,
    PointOfViewOption,
    Settings,
)

READ_TTL_SECONDS = 120
OPTIONS_TTL_SECONDS = 600
_WRITES: Counter[str] = Counter()  # writes seen by this process, by the kind of data they changed


@dataclass(frozen=True)
class SettingsBundle:
    """Everything the Settings view reads, fetched together."""

    settings: MarketingSettings
    defaults: Settings
    goals: list[GoalOption]
    points_of_view: list[PointOfViewOption]
    calendars: list[CalendarOption]


@dataclass(frozen=True, eq=False)
class PlanSnapshot:
    """The plan as read at `fetched_at` (UTC). Equal and hashed by identity, like `EventsRead`."""

    plan: MarketingPlan
    fetched_at: datetime


@dataclass(frozen=True, eq=False)
class EventsRead:
    """Calendar events of one range as read at `fetched_at` (UTC). Equal and hashed by identity: each read is its
    own object while cached, so what is built from it can be cached on the read itself (lib/ui/plan_data.py)."""

    events: list[CalendarEvent]
    fetched_at: datetime


def read_plan(site_id: str, client: WixClient) -> PlanSnapshot:
    """The whole plan (status, activities, items) of a site, with the time of the read."""
    return _read_plan(site_id, _WRITES["plan"], client)


def read_connected_channels(site_id: str, client: WixClient) -> frozenset[str]:
    """Channels the site has connected in the Publisher (only those can be scheduled)."""
    return _read_connected_channels(site_id, _WRITES["channels"], client)


def read_settings_bundle(site_id: str, client: WixClient) -> SettingsBundle:
    """Settings, defaults and the three option lists."""
    return _read_settings_bundle(site_id, _WRITES["settings"], client)


def read_events(site_id: str, start: datetime, end: datetime, client: WixClient) -> EventsRead:
    """Calendar events in [start, end] (QueryEvents returns at most 100), with the time of the read."""
    return _read_events(site_id, start, end, _WRITES["events"], client)


def _streamlit_clock() -> float:
    """Seconds on the clock Streamlit's caches keep TTLs with (looked up on every call: the benchmark replaces it)."""
    return cache_utils.TTLCACHE_TIMER()


def _read_cache(ttl: float, max_entries: int, key: Callable[..., Hashable]) -> Callable[[Callable], Callable]:
    """Cache a reader's results for ``ttl`` seconds, at most ``max_entries``, under ``key`` of its arguments (the
    client is never part of the key); thread-safe, as script runs of several sessions read at once."""
    cache: TTLCache = TTLCache(maxsize=max_entries, ttl=ttl, timer=_streamlit_clock)
    return cached(cache, key=key, lock=threading.Lock())


@_read_cache(READ_TTL_SECONDS, 16, key=lambda site_id, writes, client: (site_id, writes))
def _read_plan(site_id: str, writes: int, client: WixClient) -> PlanSnapshot:
    return PlanSnapshot(plan=client.get_social_marketing_plan(), fetched_at=datetime.now(UTC))


@_read_cache(READ_TTL_SECONDS, 16, key=lambda site_id, writes, client: (site_id, writes))
def _read_connected_channels(site_id: str, writes: int, client: WixClient) -> frozenset[str]:
    accounts: list[Account] = client.list_accounts()
    return frozenset(str(account.channel) for account in accounts if account.channel)


@_read_cache(OPTIONS_TTL_SECONDS, 16, key=lambda site_id, writes, client: (site_id, writes))
def _read_settings_bundle(site_id: str, writes: int, client: WixClient) -> SettingsBundle:
    """Fetched concurrently (independent reads)."""
    with ThreadPoolExecutor(max_workers=5) as pool:
        settings = pool.submit(client.get_marketing_settings)
        defaults = pool.submit(client.get_marketing_settings_defaults)
        goals = pool.submit(client.get_plan_goal_options)
        points_of_view = pool.submit(client.get_point_of_view_options)
        calendars = pool.submit(client.get_calendar_options)
        return SettingsBundle(
            settings=settings.result(),
            defaults=defaults.result(),
            goals=goals.result(),
            points_of_view=points_of_view.result(),
            calendars=calendars.result(),
        )


@_read_cache(READ_TTL_SECONDS, 32, key=lambda site_id, start, end, writes, client: (site_id, start, end, writes))
def _read_events(site_id: str, start: datetime, end: datetime, writes: int, client: WixClient) -> EventsRead:
    return EventsRead(events=client.query_events(start, end), fetched_at=datetime.now(UTC))


def _forget(kind: str, cached_read: Callable[..., object]) -> None:
    _WRITES[kind] += 1
    cached_read.cache_clear()  # type: ignore[attr-defined]  # added by cachetools.cached


def forget_plan() -> None:
    """Drop cached plan data after a plan or post mutation (or a finished generation); selections start empty."""
    _forget("plan", _read_plan)
    data_changed()


def forget_plan_view_reads() -> None:
    """Drop what the Plan view shows (plan, connected channels, events), so its next run reads them from Wix."""
    _forget("plan", _read_plan)
    _forget("channels", _read_connected_channels)
    _forget("events", _read_events)
    data_changed()


def forget_settings() -> None:
    """Drop cached settings after an upsert."""
    _forget("settings", _read_settings_bundle)


def forget_events() -> None:
    """Drop cached events after an event mutation; selections start empty."""
    _forget("events", _read_events)
    data_changed()
