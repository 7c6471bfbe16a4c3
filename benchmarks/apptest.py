"""Script-run measurements with Streamlit's AppTest (in this process): view timings against bare scripts, and the
API calls a view makes on first load, on filter and selection changes, and on reruns over time."""

from __future__ import annotations

import gc
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from streamlit.runtime.caching import cache_utils
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from benchmarks import bare_data
from benchmarks.sandbox import API_KEY, Sandboxes
from lib.ui.chrome import TIMEZONE_KEY
from lib.wix.client import WixClient

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
TIMEOUT = 120
PAGES = {"plan": None, "settings": "pages/settings.py", "events": "pages/events.py"}
BARE_DATA: dict[str, Callable[[WixClient], dict[str, Any]]] = {
    "plan": bare_data.plan_data,
    "settings": bare_data.settings_data,
    "events": bare_data.events_data,
}


class SimulatedClock:
    """Streamlit's cache TTL clock plus an offset the benchmark can advance (for reruns "minutes apart").

    Installed before the first cache is created, because each cache keeps the timer it was built with.
    """

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.offset

    def install(self) -> None:
        """Make every Streamlit cache created from now on use this clock."""
        cache_utils.TTLCACHE_TIMER = self


CLOCK = SimulatedClock()
_SCRIPT_RUNS: list[float] = []  # seconds of each script run, appended by the runner thread


def prepare_streamlit() -> None:
    """Once, before any AppTest: the simulated cache clock, server-like script runs, and the script-run timer."""
    CLOCK.install()
    _run_scripts_like_the_server()
    _time_script_runs()


def _time_script_runs() -> None:
    """Record how long each script run takes in Streamlit's runner thread (what a rerun costs the server),
    leaving out AppTest's own work of turning the run's messages into its element tree."""
    original = ScriptRunner._run_script

    def timed(self: ScriptRunner, rerun_data: Any) -> None:
        start = time.perf_counter()
        try:
            original(self, rerun_data)
        finally:
            _SCRIPT_RUNS.append(time.perf_counter() - start)

    ScriptRunner._run_script = timed  # type: ignore[method-assign]


def _run_scripts_like_the_server() -> None:
    """Make AppTest run scripts the way `streamlit run` does, so timings compare like with like.

    Out of the box AppTest (1.67) differs in two ways: with a `pages/` folder next to the main script it runs a page
    picked by `switch_page` directly, skipping app.py (the router: access gate, connection, sidebar, navigation);
    and it compiles every script again on every run. The server runs app.py first on every run (`st.navigation`
    turns the `pages/` folder handling off) and keeps compiled scripts in one cache.
    """
    shared_cache = ScriptCache()

    class RouterFirstPagesManager(PagesManager):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            PagesManager.uses_pages_directory = False  # what app.py's st.navigation does on the server

    app_test_module.PagesManager = RouterFirstPagesManager  # type: ignore[misc]
    app_test_module.ScriptCache = lambda: shared_cache  # type: ignore[assignment]


@dataclass(frozen=True)
class Timing:
    """Script-run seconds of the app's view and of its bare script, reruns interleaved: medians, fastest runs, and
    the medians of AppTest's whole `run()` (script run plus AppTest's own processing of the result)."""

    app: float
    bare: float
    app_min: float
    bare_min: float
    app_wall: float
    bare_wall: float
    reps: int

    @property
    def ratio(self) -> float:
        return self.app / self.bare


def app_env(base_url: str, site_id: str) -> dict[str, str]:
    """The app's settings for one sandbox site (live mode, no access gate: the benchmark has no users)."""
    return {
        "WIX_API_BASE_URL": base_url,
        "WIX_API_KEY": API_KEY,
        "WIX_SITE_ID": site_id,
        "STUDIO_ALLOW_ANONYMOUS": "true",
    }


def point_app(base_url: str, site_id: str) -> None:
    """Point the app at one sandbox site, as a live deployment would be configured."""
    os.environ.update(app_env(base_url, site_id))


def open_view(view: str) -> AppTest:
    """A new session of the app on `view`, run once (so every cache it reads is warm); the Plan view with its
    calendar open (a link with `?calendar=true`), which draws the most."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    if view == "plan":
        at.query_params["calendar"] = "true"  # calendar open, so the view draws the bare script's calendar too
    at.run()
    if PAGES[view]:
        at.switch_page(PAGES[view])
        at.run()
    _check(at, view)
    return at


def _check(at: AppTest, view: str) -> None:
    """Fail loudly when a run raised, shows an error, or did not draw the view's tables or form."""
    if at.exception:
        raise RuntimeError(f"{view} raised: {at.exception[0].value}")
    if at.error:
        raise RuntimeError(f"{view} shows an error: {at.error[0].value}")
    drawn = {
        "plan": len(at.dataframe) >= 2 and len(at.get("component_instance")) == 1,
        "events": len(at.dataframe) >= 1,
        "settings": len(at.text_area) >= 1,
    }
    if not drawn[view.split()[-1]]:
        raise RuntimeError(f"{view} was not drawn; it shows: {[e.type for e in at.main][:12]}")


def _timed_run(at: AppTest) -> tuple[float, float]:
    """Seconds in the script run(s) of one `at.run()`, and of the whole call."""
    gc.collect()
    _SCRIPT_RUNS.clear()
    start = time.perf_counter()
    at.run()
    wall = time.perf_counter() - start
    if not _SCRIPT_RUNS:
        raise RuntimeError("no script run was timed: call prepare_streamlit() first")
    return sum(_SCRIPT_RUNS), wall


def view_timing(
    sandboxes: Sandboxes, items: int, view: str, reps: int, workdir: Path
) -> tuple[Timing, AppTest, AppTest]:
    """Warm-cache rerun time of `view` in the app against its bare script (same data, built beforehand).

    Also returns both sessions, still warm, for profiling."""
    site = sandboxes.new_site(items)
    data = BARE_DATA[view](sandboxes.client(items, site))
    path = bare_data.write(workdir / f"bare-{view}-{items}.pkl", data)
    point_app(sandboxes.base_url(items), site)
    os.environ["BENCH_DATA"] = str(path)
    app = open_view(view)
    bare = AppTest.from_file(str(ROOT / "benchmarks" / f"bare_{view}.py"), default_timeout=TIMEOUT)
    bare.run()
    _check(bare, f"bare {view}")
    app_runs: list[tuple[float, float]] = []
    bare_runs: list[tuple[float, float]] = []
    for rep in range(reps + 1):  # the first pair warms both up and is not counted
        order = [(app, app_runs), (bare, bare_runs)]
        for at, runs in order if rep % 2 else reversed(order):
            measured = _timed_run(at)
            if rep:
                runs.append(measured)
    _check(app, view)
    _check(bare, f"bare {view}")
    app_script, app_wall = zip(*app_runs, strict=True)
    bare_script, bare_wall = zip(*bare_runs, strict=True)
    timing = Timing(
        statistics.median(app_script),
        statistics.median(bare_script),
        min(app_script),
        min(bare_script),
        statistics.median(app_wall),
        statistics.median(bare_wall),
        reps,
    )
    return timing, app, bare


@dataclass(frozen=True)
class Calls:
    """API calls made by one step (as "METHOD path")."""

    step: str
    calls: list[str]


def plan_first_load(sandboxes: Sandboxes, items: int) -> tuple[AppTest, str, Calls]:
    """A new session on a new site: the calls of the Plan view's first load. Returns the session for more steps."""
    site = sandboxes.new_site(items)
    point_app(sandboxes.base_url(items), site)
    sandboxes.reset_log(items)
    at = open_view("plan")
    return at, site, Calls("first load", sandboxes.requests(items, site))


def _widget(widgets: Any, label: str) -> Any:
    """The widget with this label; StopIteration when the view no longer has it."""
    return next(w for w in widgets if w.label == label)


def _first_option(at: AppTest, label: str) -> None:
    widget = _widget(at.multiselect, label)
    widget.select(widget.options[0])


def _narrow_dates(at: AppTest) -> None:
    widget = _widget(at.date_input, "Dates")
    widget.set_value((widget.min + timedelta(days=7), widget.max - timedelta(days=7)))


def _clear_filters(at: AppTest) -> None:
    dates = _widget(at.date_input, "Dates")
    dates.set_value((dates.min, dates.max))
    for label in ("Type", "Channel", "Status"):
        _widget(at.multiselect, label).set_value([])
    _widget(at.checkbox, "Only without posts").uncheck()
    _widget(at.selectbox, "Week").select_index(0)


def _rows(rows: list[int]) -> dict[str, Any]:
    return {"selection": {"rows": rows, "columns": []}}


def _calendar_key(at: AppTest) -> str:
    """The key of the calendar on screen (its element ID ends with it)."""
    return at.get("component_instance")[0].proto.id.split("-", 2)[2]


def _click_calendar(at: AppTest) -> None:
    """What a click on a post chip sends (AppTest cannot click inside the component's iframe)."""
    post_id = str(at.dataframe[1].value.iloc[0]["id"])
    event = {"id": post_id, "extendedProps": {"kind": "post"}}
    at.session_state[_calendar_key(at)] = {"callback": "eventClick", "eventClick": {"event": event}}


def _clear_selections(at: AppTest) -> None:
    at.session_state["activities_table"] = _rows([])
    at.session_state["posts_table"] = _rows([])
    at.session_state[_calendar_key(at)] = {}


def _select(key: str, rows: list[int]) -> Callable[[AppTest], None]:
    def apply(at: AppTest) -> None:
        at.session_state[key] = _rows(rows)

    return apply


PLAN_CHANGES: list[tuple[str, Callable[[AppTest], None]]] = [
    ("activity type filter", lambda at: _first_option(at, "Type")),
    ("date range filter", _narrow_dates),
    ("only-without-posts filter", lambda at: _widget(at.checkbox, "Only without posts").check()),
    ("channel filter", lambda at: _first_option(at, "Channel")),
    ("status filter", lambda at: _first_option(at, "Status")),
    ("week filter", lambda at: _widget(at.selectbox, "Week").select_index(1)),
    ("filters cleared", _clear_filters),
    ("activity rows selected", _select("activities_table", [0, 1])),
    ("post rows selected", _select("posts_table", [0, 1, 2])),
    ("calendar post clicked", _click_calendar),
    ("selections cleared", _clear_selections),
]


def plan_change_calls(sandboxes: Sandboxes, items: int, at: AppTest, site: str) -> list[Calls]:
    """The calls of each filter or selection change after the first load (the caches are warm and fresh)."""
    results = []
    for step, apply in PLAN_CHANGES:
        sandboxes.reset_log(items)
        try:
            apply(at)
        except StopIteration:
            results.append(Calls(f"{step} (skipped: the view no longer has this widget)", []))
            continue
        at.run()
        _check(at, "plan")
        results.append(Calls(step, sandboxes.requests(items, site)))
    return results


def timezone_change_calls(sandboxes: Sandboxes, items: int, at: AppTest, site: str, zone: str) -> Calls:
    """The calls of switching the viewer's time zone (a display setting, not a filter)."""
    sandboxes.reset_log(items)
    at.session_state[TIMEZONE_KEY] = zone  # what picking it in the sidebar stores
    at.run()
    _check(at, "plan")
    return Calls(f"time zone → {zone}", sandboxes.requests(items, site))


def idle_reruns(sandboxes: Sandboxes, items: int, at: AppTest, site: str, reruns: int, spacing: float) -> Calls:
    """Reruns `spacing` real seconds apart, all within the read TTL: the calls they make (should be none)."""
    sandboxes.reset_log(items)
    for _ in range(reruns):
        time.sleep(spacing)
        at.run()
    _check(at, "plan")
    return Calls(f"{reruns} reruns {spacing:g}s apart", sandboxes.requests(items, site))


def simulated_reruns(
    sandboxes: Sandboxes, items: int, at: AppTest, site: str, minutes: float, step_seconds: float
) -> Calls:
    """Reruns every `step_seconds` of simulated time for `minutes`: the cache clock is advanced, the rest is real."""
    sandboxes.reset_log(items)
    steps = round(minutes * 60 / step_seconds)
    for _ in range(steps):
        CLOCK.offset += step_seconds
        at.run()
    _check(at, "plan")
    return Calls(f"{steps} reruns over {minutes:g} simulated min", sandboxes.requests(items, site))
