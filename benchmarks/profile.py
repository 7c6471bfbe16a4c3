"""Where a view's rerun time goes: cProfile around Streamlit's script runs, reduced to the app's own functions."""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest

from benchmarks.apptest import ROOT

APP_CODE = (str(ROOT / "lib"), str(ROOT / "pages"), str(ROOT / "app.py"))


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


def hot_spots(at: AppTest, reruns: int, top: int = 8) -> list[str]:
    """The app's functions with the most cumulative time over `reruns` warm reruns, as `ms per rerun  name`.

    Profiling slows everything down, so read the numbers as shares of the whole run (given first), not as timings.
    """
    profiler = cProfile.Profile()
    with _profiled_script_runs(profiler):
        for _ in range(reruns):
            at.run()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    whole = sum(cum for (_, _, name), (_, _, _, cum, _) in stats.items() if name == "_run_script")
    spots = sorted(
        (
            (cum, f"{Path(filename).relative_to(ROOT)}:{line} {name}")
            for (filename, line, name), (_, _, _, cum, _) in stats.items()
            if filename.startswith(APP_CODE) and name != "<module>"
        ),
        reverse=True,
    )
    lines = [f"{1000 * whole / reruns:6.1f} ms/rerun  whole script run (profiled)"]
    return lines + [f"{1000 * cum / reruns:6.1f} ms/rerun  {where}" for cum, where in spots[:top]]
