"""Where a view's rerun time goes: cProfile around Streamlit's script runs, the app's session against the bare one.

Each profile is reduced to the app's own functions and to Streamlit's element commands and cache lookups (both
called from the pages), as cumulative milliseconds per rerun; the lines that differ most from the bare script come
first. Profiling slows everything down, so read the numbers as shares, not as timings.
"""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit
from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest

from benchmarks.apptest import ROOT

APP_CODE = (str(ROOT / "lib"), str(ROOT / "pages"))
STREAMLIT = Path(streamlit.__file__).parent
ELEMENT_CODE = (str(STREAMLIT / "elements"), str(STREAMLIT / "commands"))
CACHE_LOOKUP = "_get_or_create_cached_value"
WHOLE_RUN = "whole script run"


@contextmanager
def _profiled_script_runs(profiler: cProfile.Profile) -> Iterator[None]:
    """Profile every script run started meanwhile (AppTest runs scripts in their own thread)."""
    original = script_runner.ScriptRunner._run_script

    def run(self: script_runner.ScriptRunner, rerun_data: object) -> None:
        profiler.enable()
        try:
            original(self, rerun_data)
        finally:
            profiler.disable()

    script_runner.ScriptRunner._run_script = run  # type: ignore[method-assign]
    try:
        yield
    finally:
        script_runner.ScriptRunner._run_script = original  # type: ignore[method-assign]


def _label(filename: str, line: int, name: str) -> str | None:
    if name == "_run_script":
        return WHOLE_RUN
    if filename.startswith(APP_CODE) and name != "<module>":
        return f"{Path(filename).relative_to(ROOT)}:{line} {name}"
    if name == CACHE_LOOKUP:
        return "st.cache_* lookups (hashing the cached functions' arguments)"
    if filename.startswith(ELEMENT_CODE) and not name.startswith("_") and name.isidentifier():
        return f"st.{name}"
    return None


def _per_rerun_ms(at: AppTest, reruns: int) -> dict[str, float]:
    profiler = cProfile.Profile()
    with _profiled_script_runs(profiler):
        for _ in range(reruns):
            at.run()
    totals: dict[str, float] = {}
    for (filename, line, name), (_, _, _, cumulative, _) in pstats.Stats(profiler).stats.items():  # type: ignore[attr-defined]
        label = _label(filename, line, name)
        if label:
            totals[label] = totals.get(label, 0.0) + 1000 * cumulative / reruns
    return totals


def hot_spots(app: AppTest, bare: AppTest, reruns: int = 5, top: int = 8) -> list[str]:
    """`app ms | bare ms  where` lines: the whole run, then what costs the app most beyond the bare script."""
    in_app, in_bare = _per_rerun_ms(app, reruns), _per_rerun_ms(bare, reruns)
    spots = sorted((label for label in in_app if label != WHOLE_RUN), key=lambda k: in_bare.get(k, 0.0) - in_app[k])
    lines = ["   app |  bare  ms per rerun, profiled"]
    for label in [WHOLE_RUN, *spots[:top]]:
        lines.append(f"{in_app.get(label, 0.0):6.1f} | {in_bare.get(label, 0.0):5.1f}  {label}")
    return lines
