"""Loading the pickled bare data inside a bare Streamlit script (once per process, like the app's caches)."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

import streamlit as st

TZ = "UTC"  # AppTest has no browser zone; the benchmark's browser contexts use UTC too


@st.cache_resource(show_spinner=False)
def _load(path: str) -> dict[str, Any]:
    return pickle.loads(Path(path).read_bytes())


def bare_data() -> dict[str, Any]:
    """The data named by the `data` query parameter (a file in env BENCH_DATA_DIR), else by env BENCH_DATA."""
    name = st.query_params.get("data")
    return _load(str(Path(os.environ["BENCH_DATA_DIR"]) / f"{name}.pkl") if name else os.environ["BENCH_DATA"])
