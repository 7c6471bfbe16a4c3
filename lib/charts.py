"""Plotly figures: the posts calendar (channel lanes over the plan period) and the events timeline.

One colour-blind-safe palette (Okabe-Ito) for post status everywhere, always paired with a marker symbol. Instants
are drawn as naive wall-clock times of the viewer's zone (plotly.js ignores offsets), the zone is named on the x axis,
and weekly ticks fall on Mondays. Calendar events are all-day: drawn on their calendar day (the frame's naive
midnights, see `lib/frames.py`), never converted, so an event is on the same day in every zone.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date, datetime

import pandas as pd
import plotly.graph_objects as go

from lib.frames import status_sort_key
from lib.timezones import week_start, zone_name
from lib.wix.models import Channel, ItemStatus

# Okabe-Ito: orange, blue, bluish green; black for any status the app does not know.
STATUS_COLORS = {
    ItemStatus.DRAFT.value: "#E69F00",
    ItemStatus.SCHEDULED.value: "#0072B2",
    ItemStatus.PUBLISHED.value: "#009E73",
}
OTHER_STATUS_COLOR = "#000000"
STATUS_SYMBOLS = {
    ItemStatus.DRAFT.value: "circle",
    ItemStatus.SCHEDULED.value: "diamond",
    ItemStatus.PUBLISHED.value: "square",
}
OTHER_STATUS_SYMBOL = "x"
EVENT_BAND_FILL = "rgba(153, 153, 153, 0.25)"
EVENT_BANDS_NAME = "Calendar events"
EVENT_LABELS_NAME = "Calendar event names"
TODAY_COLOR = "#D55E00"  # Okabe-Ito vermillion, not a status colour
EVENT_COLORS = {"one-time": "#56B4E9", "recurring": "#CC79A7"}
EVENT_SYMBOLS = {"one-time": "circle", "recurring": "diamond"}
EXCERPT_LENGTH = 80
CHANNEL_ORDER = tuple(c.value for c in Channel)

_WEEK_MS = 7 * 24 * 3600 * 1000
_DAY_MS = 24 * 3600 * 1000
_TICK_FORMAT = "%a %b %-d"
_MIDDAY = pd.Timedelta(hours=12)  # an event's marker sits mid-day, inside its day rather than on a day's edge


def status_color(status: str) -> str:
    return STATUS_COLORS.get(str(status), OTHER_STATUS_COLOR)


def status_symbol(status: str) -> str:
    return STATUS_SYMBOLS.get(str(status), OTHER_STATUS_SYMBOL)


def excerpt(text: str | None, limit: int = EXCERPT_LENGTH) -> str:
    """Whitespace-collapsed text cut to ``limit`` characters (ellipsis included), HTML-escaped for hover labels."""
    flat = " ".join((text or "").split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return html.escape(flat, quote=False)


def _local_naive(values: pd.Series | Iterable[object], zone: str) -> pd.Series:
    """Instants (aware, or naive UTC) as naive wall-clock times of ``zone``."""
    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype="object")
    if not isinstance(series.dtype, pd.DatetimeTZDtype):
        series = pd.to_datetime(series, utc=True)
    return series.dt.tz_convert(zone).dt.tz_localize(None)


def _local_midnight(day: date | datetime, zone: str) -> pd.Timestamp:
    """A date's midnight, or an aware instant converted to the zone, as a naive wall-clock Timestamp."""
    if isinstance(day, datetime):
        return _local_naive([day], zone).iloc[0]
    return pd.Timestamp(day)


def _lanes(channels: Iterable[str]) -> list[str]:
    present = set(channels)
    known = [c for c in CHANNEL_ORDER if c in present]
    return known + sorted(present - set(known))


def _date_axis(zone: str, start: pd.Timestamp, end: pd.Timestamp) -> dict[str, object]:
    return {
        "title": {"text": f"Date ({zone})"},
        "type": "date",
        "range": [start, end],
        "tick0": pd.Timestamp(week_start(start.date())),
        "dtick": _WEEK_MS,
        "tickformat": _TICK_FORMAT,
        "minor": {"dtick": _DAY_MS, "showgrid": True, "gridcolor": "#EEEEEE"},
        "showgrid": True,
    }


def _note(text: str) -> dict[str, object]:
    return {"text": text, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5, "showarrow": False}


def _event_bands(events_df: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> list[dict[str, object]]:
    """A shaded band over each event occurrence's calendar day inside ``start``..``end``, plus its name on top, as two
    traces.

    Traces rather than layout shapes: plotly validates each shape on its own, which is slow for hundreds of
    occurrences. Both sit on a hidden overlay axis ``y2`` spanning 0..1 and never take hover or clicks.
    """
    occurrences = events_df[["name", "occurrence_dates"]].explode("occurrence_dates").dropna()
    if occurrences.empty:
        return []
    days = pd.to_datetime(occurrences["occurrence_dates"])  # calendar days already: drawn as they are
    day_length = pd.Timedelta(days=1)
    inside = (days + day_length > start) & (days < end)
    label_x = list(days[inside])
    label_text = [excerpt(name, 30) for name in occurrences.loc[inside.to_numpy(), "name"]]
    band_x = [x for day in label_x for x in (day, day, day + day_length, day + day_length, day, None)]
    if not label_x:
        return []
    bands = {
        "type": "scatter",
        "x": band_x,
        "y": [0, 1, 1, 0, 0, None] * len(label_x),
        "yaxis": "y2",
        "mode": "none",
        "fill": "toself",
        "fillcolor": EVENT_BAND_FILL,
        "name": EVENT_BANDS_NAME,
        "hoverinfo": "skip",
        "showlegend": False,
    }
    labels = {
        "type": "scatter",
        "x": label_x,
        "y": [1] * len(label_x),
        "yaxis": "y2",
        "mode": "text",
        "text": label_text,
        "textposition": "bottom right",
        "textfont": {"size": 10},
        "name": EVENT_LABELS_NAME,
        "hoverinfo": "skip",
        "showlegend": False,
    }
    return [bands, labels]


def posts_calendar(posts_df: pd.DataFrame, events_df: pd.DataFrame, tz: str, today: date | datetime) -> go.Figure:
    """Posts as markers on channel lanes over the plan period; one Scattergl trace per status.

    The status traces come first and each point's ``customdata`` is the post ID. Calendar events are shaded day-bands
    with their names (two traces that take no clicks); a dashed line marks today (a ``date`` means its midnight, a
    ``datetime`` that instant).
    """
    zone = zone_name(tz)
    today_x = _local_midnight(today, zone)
    posts = posts_df.loc[posts_df["date"].notna(), ["id", "date", "channel", "status", "caption"]]
    x = _local_naive(posts["date"], zone)
    first = min([today_x, *([x.min()] if len(x) else [])])
    last = max([today_x, *([x.max()] if len(x) else [])])
    start = pd.Timestamp(week_start(first.date()))
    end = pd.Timestamp(week_start(last.date())) + pd.Timedelta(weeks=1 if len(x) else 4)
    lanes = _lanes(posts["channel"])

    traces: list[dict[str, object]] = []
    for status in sorted(posts["status"].unique(), key=status_sort_key):
        rows = posts["status"] == status
        traces.append(
            {
                "type": "scattergl",
                "x": x[rows],
                "y": posts.loc[rows, "channel"],
                "mode": "markers",
                "name": status,
                "marker": {
                    "color": status_color(status),
                    "symbol": status_symbol(status),
                    "size": 11,
                    "line": {"width": 1, "color": "#FFFFFF"},
                },
                "customdata": posts.loc[rows, "id"],
                "text": [excerpt(c) for c in posts.loc[rows, "caption"]],
                "hovertemplate": (
                    f"<b>%{{y}}</b> · {html.escape(status)}<br>%{{x|%a %b %-d, %H:%M}} ({zone})"
                    "<br>%{text}<extra></extra>"
                ),
            }
        )
    if len(events_df):
        traces += _event_bands(events_df, start, end)
    shapes = [
        {
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": today_x,
            "x1": today_x,
            "y0": 0,
            "y1": 1,
            "line": {"color": TODAY_COLOR, "width": 2, "dash": "dash"},
            "name": "today",
        }
    ]
    labels = [
        {
            "x": today_x,
            "xref": "x",
            "y": 1,
            "yref": "paper",
            "text": "Today",
            "showarrow": False,
            "yanchor": "bottom",
            "xanchor": "right",
        }
    ]
    if not len(x):
        labels.append(_note("No posts in this period."))
    return go.Figure(
        data=traces,
        layout={
            "shapes": shapes,
            "annotations": labels,
            "xaxis": _date_axis(zone, start, end),
            "yaxis": {
                "title": {"text": "Channel"},
                "type": "category",
                "categoryorder": "array",
                "categoryarray": lanes,
                "autorange": "reversed",
            },
            "yaxis2": {"overlaying": "y", "range": [0, 1], "visible": False, "fixedrange": True},
            "legend": {"title": {"text": "Status"}, "orientation": "h", "y": -0.25},
            "height": max(280, 140 + 45 * len(lanes)),
            "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
            "hovermode": "closest",
            "clickmode": "event+select",
        },
    )


def events_timeline(events_df: pd.DataFrame, tz: str, start: date, end: date) -> go.Figure:
    """Every occurrence between ``start`` and ``end`` (inclusive days) on one lane per event, on its calendar day.

    One trace per kind (one-time, recurring) with its own colour and symbol; ``customdata`` is the event ID.
    """
    zone = zone_name(tz)
    range_start, range_end = pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1)
    rows: list[tuple[str, str, str, pd.Timestamp, str]] = []
    for event in events_df.itertuples(index=False):
        kind = "one-time" if event.recurrence == "one-time" else "recurring"
        source = " · from a connected calendar (read-only)" if event.read_only else ""
        hover = f"{html.escape(event.recurrence)}{source}<br>{excerpt(event.description)}"
        for day in event.occurrence_dates or []:
            if range_start <= day < range_end:
                rows.append((event.id, html.escape(event.name or "(unnamed)", quote=False), kind, day + _MIDDAY, hover))
    points = pd.DataFrame(rows, columns=["id", "name", "kind", "date", "hover"])

    fig = go.Figure()
    for kind in ("one-time", "recurring"):
        subset = points[points["kind"] == kind]
        if subset.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=subset["date"],
                y=subset["name"],
                mode="markers",
                name=kind,
                marker={"color": EVENT_COLORS[kind], "symbol": EVENT_SYMBOLS[kind], "size": 12},
                customdata=subset["id"],
                text=subset["hover"],
                hovertemplate="<b>%{y}</b><br>%{x|%a %b %-d, %Y}<br>%{text}<extra></extra>",
            )
        )
    if points.empty:
        fig.update_layout(annotations=[_note("No events in this period.")])
    lanes = list(dict.fromkeys(points.sort_values("date", kind="stable")["name"]))
    fig.update_layout(
        xaxis=_date_axis(zone, range_start, range_end),
        yaxis={
            "title": {"text": "Event"},
            "type": "category",
            "categoryorder": "array",
            "categoryarray": lanes,
            "autorange": "reversed",
        },
        legend={"title": {"text": "Kind"}, "orientation": "h", "y": -0.25},
        height=max(240, 140 + 35 * len(lanes)),
        margin={"l": 10, "r": 10, "t": 20, "b": 10},
        hovermode="closest",
        clickmode="event+select",
    )
    return fig
