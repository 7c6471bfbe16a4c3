"""The sandboxes the benchmark measures against: one `large` sandbox per plan size, a fresh site per measurement."""

from __future__ import annotations

import uuid
from collections import Counter
from pathlib import Path

import httpx

from lib.sandbox import gaps
from lib.sandbox.server import RunningSandbox, SandboxOptions, start_sandbox
from lib.wix.client import WixClient

API_KEY = "bench-key"
ACTIVITIES = 300
EVENTS = 200
GENERATION_SECONDS = 120.0  # long enough that a regenerated plan stays GENERATING while polling is counted


class Sandboxes:
    """`large` sandboxes keyed by post-item count (300 activities and 200 events each), started on demand."""

    def __init__(self, workdir: Path) -> None:
        self._workdir = workdir
        self._running: dict[int, RunningSandbox] = {}
        self._admin = httpx.Client(timeout=30)

    def base_url(self, items: int) -> str:
        """The sandbox whose `large` scenario has `items` post items (started on first use)."""
        if items not in self._running:
            options = SandboxOptions(
                db_path=str(self._workdir / f"sandbox-{items}.db"),
                scenario="large",
                generation_seconds=GENERATION_SECONDS,
                large_activities=ACTIVITIES,
                large_items=items,
                large_events=EVENTS,
            )
            self._running[items] = start_sandbox(options)
        return self._running[items].base_url

    def new_site(self, items: int) -> str:
        """A new site ID, already seeded, so the sandbox's one-off seeding is not part of any measurement."""
        site_id = f"bench-{items}-{uuid.uuid4().hex[:12]}"
        response = self._admin.get(f"{self.base_url(items)}{gaps.ADMIN_BASE}/sites/{site_id}")
        response.raise_for_status()
        return site_id

    def client(self, items: int, site_id: str) -> WixClient:
        """A client of one site (for building the bare data and for starting a generation)."""
        return WixClient(self.base_url(items), API_KEY, site_id)

    def reset_log(self, items: int) -> None:
        """Forget the request log of the sandbox."""
        self._admin.delete(f"{self.base_url(items)}{gaps.ADMIN_BASE}/requests").raise_for_status()

    def requests(self, items: int, site_id: str) -> list[str]:
        """API calls of one site since the last reset, as "METHOD path" in arrival order."""
        response = self._admin.get(f"{self.base_url(items)}{gaps.ADMIN_BASE}/requests")
        response.raise_for_status()
        entries = response.json()["requests"]
        return [f"{e['method']} {e['path']}" for e in entries if e.get("site") == site_id]

    def stop(self) -> None:
        """Stop every sandbox."""
        self._admin.close()
        for running in self._running.values():
            running.stop()
        self._running.clear()


def summary(calls: list[str]) -> str:
    """`1 x GET /marketing-plan, 1 x POST /events/query` (API base paths left out); `none` when empty."""
    counts = Counter(call.replace(gaps.BASE, "").replace(gaps.PUBLISHER_BASE, "") for call in calls)
    return ", ".join(f"{n} x {call}" for call, n in counts.items()) or "none"
