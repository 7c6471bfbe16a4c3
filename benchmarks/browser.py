"""Browser measurements (headless Chromium through Playwright, nothing leaves loopback): time from page open to the
activities table on screen, API calls per polling tick while generating, and API calls of an idle open page."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import httpx
from playwright.sync_api import Browser, Page, Playwright, Route
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from benchmarks.apptest import ROOT, app_env
from benchmarks.sandbox import Sandboxes
from tests.e2e.chromium import CHROMIUM, CHROMIUM_ARGS

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
STARTUP_SECONDS = 90
OPEN_TIMEOUT_MS = 60_000
DONE = "[data-testid='stApp'][data-test-script-state='notRunning']"
TABLE_OR_ERROR = (
    "window.__benchTableAt !== undefined || document.querySelector(\"[data-testid='stException']\") !== null"
)

# Records, in page time (ms since navigation start): __benchTableAt, the first animation frame after the first
# table's grid canvas is in the DOM with a size (the moment the table is drawn); __benchRunDoneAt, when the page
# first says its script run is over with elements on screen (every element has arrived from the server).
PAGE_OBSERVER = """
(() => {
  const tableDrawn = () => {
    const canvas = document.querySelector("[data-testid='stDataFrame'] canvas[data-testid='data-grid-canvas']");
    return canvas && canvas.width > 0 && canvas.height > 0;
  };
  const observer = new MutationObserver(() => {
    const state = document.querySelector("[data-testid='stApp']")?.getAttribute("data-test-script-state");
    const drawing = document.querySelector("[data-testid='stMain'] [data-testid='stElementContainer']") !== null;
    if (drawing && state === "notRunning" && window.__benchRunDoneAt === undefined) {
      window.__benchRunDoneAt = performance.now();
    }
    if (window.__benchTableSeen === undefined && tableDrawn()) {
      window.__benchTableSeen = true;
      requestAnimationFrame(() => { window.__benchTableAt = performance.now(); });
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit_server(script: str, env: dict[str, str], log_path: Path) -> Iterator[str]:
    """`python -m streamlit run <script>` on a free loopback port; yields its URL, stops that process after."""
    port = _free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
        "--server.port", str(port), "--server.address", "127.0.0.1",
    ]  # fmt: skip
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, process, log_path)
            yield url
        except Exception as error:
            raise RuntimeError(
                f"{error}\n--- end of the {script} server log ---\n{log_path.read_text()[-3000:]}"
            ) from error
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early: {log_path.read_text()[-2000:]}")
        try:
            if httpx.get(f"{url}/_stcore/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"streamlit did not start: {log_path.read_text()[-2000:]}")


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless, with the flags this offline machine needs."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def _block_non_loopback(route: Route) -> None:
    host = urlparse(route.request.url).hostname or ""
    if route.request.url.startswith("data:") or host in LOOPBACK_HOSTS:
        route.continue_()
    else:
        route.abort()


@contextmanager
def open_page(browser: Browser, url: str) -> Iterator[Page]:
    """A new browser context (so a new Streamlit session) on `url`, with the table observer installed."""
    context = browser.new_context(viewport={"width": 1500, "height": 1100}, timezone_id="UTC")
    try:
        context.route("**/*", _block_non_loopback)
        context.add_init_script(PAGE_OBSERVER)
        page = context.new_page()
        page.goto(url, wait_until="commit")
        yield page
    finally:
        context.close()


def wait_for_table(page: Page) -> float:
    """Wait until the page's first table is drawn; its time in ms since navigation start. Says what shows if not."""
    with suppress(PlaywrightTimeoutError):  # judged below, with what the page shows instead
        page.wait_for_function(TABLE_OR_ERROR, timeout=OPEN_TIMEOUT_MS, polling=50)
    drawn_at = page.evaluate("window.__benchTableAt")
    if drawn_at is None:
        shown = page.locator("body").inner_text(timeout=5_000)[:600]
        raise RuntimeError(f"no table appeared on {page.url}; the page shows: {shown!r}")
    return float(drawn_at)


@dataclass(frozen=True)
class Open:
    """One page open: ms from navigation start to the table drawn, and to the page marking the script run over."""

    table: float
    run_done: float


def open_once(browser: Browser, url: str) -> Open:
    """Open `url` in a new session; the context closes only after the run is over, so sessions never overlap."""
    with open_page(browser, url) as page:
        table = wait_for_table(page)
        page.wait_for_function("window.__benchRunDoneAt !== undefined", timeout=OPEN_TIMEOUT_MS, polling=50)
        return Open(table, float(page.evaluate("window.__benchRunDoneAt")))


@dataclass(frozen=True)
class OpenTiming:
    """Medians over new sessions of the app's Plan view and of the bare table page, and the cold first opens."""

    app: Open
    bare: Open
    app_cold: Open
    bare_cold: Open
    reps: int

    @property
    def ratio(self) -> float:
        return self.app.table / self.bare.table


def _median(opens: list[Open]) -> Open:
    return Open(statistics.median(o.table for o in opens), statistics.median(o.run_done for o in opens))


def open_timing(browser: Browser, app_url: str, bare_url: str, reps: int) -> OpenTiming:
    """The first open of each (cold: caches empty) is kept apart; then `reps` interleaved new sessions each."""
    app_cold, bare_cold = open_once(browser, app_url), open_once(browser, bare_url)
    app_opens: list[Open] = []
    bare_opens: list[Open] = []
    for rep in range(reps):
        pair = [(app_url, app_opens), (bare_url, bare_opens)]
        for url, opens in pair if rep % 2 else reversed(pair):
            opens.append(open_once(browser, url))
    return OpenTiming(_median(app_opens), _median(bare_opens), app_cold, bare_cold, reps)


def renderer_profile(browser: Browser, url: str, top: int = 6) -> list[str]:
    """Where the page's main thread spends its time until the table is drawn (CDP CPU profile, self time per
    script bundle), and when the page marked the script run over: whether the wait is the server or the browser."""
    context = browser.new_context(viewport={"width": 1500, "height": 1100}, timezone_id="UTC")
    try:
        context.route("**/*", _block_non_loopback)
        context.add_init_script(PAGE_OBSERVER)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Profiler.enable")
        cdp.send("Profiler.start")
        page.goto(url, wait_until="commit")
        table = wait_for_table(page)
        profile = cdp.send("Profiler.stop")["profile"]
        page.wait_for_function("window.__benchRunDoneAt !== undefined", timeout=OPEN_TIMEOUT_MS, polling=50)
        run_done = float(page.evaluate("window.__benchRunDoneAt"))
    finally:
        context.close()
    frames = {node["id"]: node["callFrame"] for node in profile["nodes"]}
    by_bundle: Counter[str] = Counter()
    for node_id, delta in zip(profile["samples"], profile["timeDeltas"], strict=True):
        frame = frames[node_id]
        by_bundle[frame["url"].rsplit("/", 1)[-1].split(".")[0] or frame["functionName"].strip("()")] += delta
    busy = sum(us for name, us in by_bundle.items() if name != "idle") / 1000
    lines = [f"profiled open: table drawn at {table:.0f} ms, run marked over at {run_done:.0f} ms, main thread busy "
             f"{busy:.0f} ms; busiest (self time):"]  # fmt: skip
    lines += [f"    {us / 1000:6.0f} ms  {name}" for name, us in by_bundle.most_common(top + 1) if name != "idle"][:top]
    return lines


def idle_calls(browser: Browser, sandboxes: Sandboxes, items: int, site: str, app_url: str, seconds: float) -> int:
    """API calls of the site while one Plan view session stays open, untouched, for `seconds`."""
    with open_page(browser, app_url) as page:
        wait_for_table(page)
        page.wait_for_selector(DONE, timeout=OPEN_TIMEOUT_MS)
        sandboxes.reset_log(items)
        time.sleep(seconds)
        return len(sandboxes.requests(items, site))


@dataclass(frozen=True)
class PollingCalls:
    """Calls seen while a Plan view followed a generation: grouped into ticks by the pauses between them."""

    ticks: list[list[str]]
    seconds: float
    poll_seconds: float

    @property
    def most_per_tick(self) -> int:
        return max((len(tick) for tick in self.ticks), default=0)


def polling_calls(
    browser: Browser, sandboxes: Sandboxes, items: int, workdir: Path, seconds: float, poll_seconds: float
) -> PollingCalls:
    """Start a regeneration on a new site, open the Plan view, and watch the sandbox log for `seconds`."""
    site = sandboxes.new_site(items)
    sandboxes.client(items, site).regenerate_marketing_plan()
    env = {**app_env(sandboxes.base_url(items), site), "STUDIO_POLL_SECONDS": str(poll_seconds)}
    with streamlit_server("app.py", env, workdir / "streamlit-polling.log") as url, open_page(browser, url) as page:
        page.get_by_text("Generating your plan").first.wait_for(timeout=OPEN_TIMEOUT_MS)
        page.wait_for_function("window.__benchRunDoneAt !== undefined", timeout=OPEN_TIMEOUT_MS, polling=50)
        time.sleep(poll_seconds)  # let the browser finish drawing the page before counting ticks
        sandboxes.reset_log(items)
        arrivals: list[tuple[float, str]] = []
        seen = 0
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            calls = sandboxes.requests(items, site)
            arrivals += [(time.monotonic(), call) for call in calls[seen:]]
            seen = len(calls)
            time.sleep(0.05)
    return PollingCalls(_group(arrivals, gap=poll_seconds / 2), seconds, poll_seconds)


def _group(arrivals: list[tuple[float, str]], gap: float) -> list[list[str]]:
    """Calls split wherever more than `gap` seconds pass without one."""
    ticks: list[list[str]] = []
    last = None
    for moment, call in arrivals:
        if last is None or moment - last > gap:
            ticks.append([])
        ticks[-1].append(call)
        last = moment
    return ticks
