"""Figures: traces per status, colours and symbols, customdata, event bands, the today line, zones and weeks."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import pandas as pd
import plotly.graph_objects as go
import pytest

from lib.charts import (
    EVENT_BANDS_NAME,
    EVENT_LABELS_NAME,
    STATUS_COLORS,
    STATUS_SYMBOLS,
    events_timeline,
    excerpt,
    posts_calendar,
)
from lib.frames import events_frame, posts_frame
from lib.wix.models import CalendarEvent, MarketingActivity

LA, TOKYO = "America/Los_Angeles", "Asia/Tokyo"
OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}
LONG_CAPTION = "Handmade   mugs <b>for</b> the\nholidays. " * 10


def activity(activity_id: str, when: str, *items: dict) -> MarketingActivity:
    return MarketingActivity.from_json({"marketingActivityId": activity_id, "date": when, "items": list(items)})


def item(item_id: str, channel: str, status: str, caption: str = "caption") -> dict:
    return {"id": item_id, "channel": {"name": channel}, "type": "POST", "status": status, "post": {"caption": caption}}


PLAN = [
    activity(
        "a1",
        "2026-12-01T03:00:00Z",
        item("p1", "INSTAGRAM", "DRAFT", LONG_CAPTION),
        item("p2", "FACEBOOK", "SCHEDULED"),
        item("p3", "TIKTOK", "DRAFT"),
    ),
    activity("a2", "2026-12-09T15:00:00Z", item("p4", "FACEBOOK", "PUBLISHED"), item("p5", "MASTODON", "QUEUED")),
]
EVENTS = [
    CalendarEvent.from_json({"id": "e1", "name": "Black Friday", "date": "2026-11-27T17:00:00Z"}),
    CalendarEvent.from_json(
        {
            "id": "e2",
            "name": "Market day",
            "recurringRule": {"frequency": "WEEKLY", "startDate": "2026-11-07T18:00:00Z"},
            "recurringOccurrences": [{"date": d} for d in ("2026-12-05T18:00:00Z", "2026-12-12T18:00:00Z")],
            "readOnly": True,
        }
    ),
    CalendarEvent.from_json({"id": "e3", "name": "Far away", "date": "2027-03-01T12:00:00Z"}),
]


def calendar(tz: str, today: date | datetime = date(2026, 11, 27), plan=PLAN, events=EVENTS) -> go.Figure:
    return posts_calendar(posts_frame(plan, tz), events_frame(events, tz), tz, today)


def trace(fig: go.Figure, name: str):
    return next(t for t in fig.data if t.name == name)


def shapes(fig: go.Figure, kind: str) -> list:
    return [s for s in fig.layout.shapes if s.type == kind]


def status_traces(fig: go.Figure) -> list:
    return [t for t in fig.data if t.type == "scattergl"]


def bands(fig: go.Figure) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """(start, end) of each shaded event band: the band trace draws closed rectangles separated by None."""
    xs = list(trace(fig, EVENT_BANDS_NAME).x)
    return [(pd.Timestamp(xs[i]), pd.Timestamp(xs[i + 2])) for i in range(0, len(xs), 6)]


def test_status_palette_is_okabe_ito_with_one_symbol_per_status():
    assert set(STATUS_COLORS) == {"DRAFT", "SCHEDULED", "PUBLISHED"}
    assert set(STATUS_COLORS.values()) <= OKABE_ITO
    assert len(set(STATUS_COLORS.values())) == 3
    assert set(STATUS_SYMBOLS) == set(STATUS_COLORS)
    assert len(set(STATUS_SYMBOLS.values())) == 3


def test_one_scattergl_trace_per_status_with_colour_symbol_and_post_ids():
    fig = calendar(LA)
    assert [t.name for t in fig.data[:4]] == ["DRAFT", "SCHEDULED", "PUBLISHED", "QUEUED"]  # first, so curve 0..3
    assert [t.name for t in status_traces(fig)] == ["DRAFT", "SCHEDULED", "PUBLISHED", "QUEUED"]
    assert all(t.mode == "markers" for t in status_traces(fig))
    for status in ("DRAFT", "SCHEDULED", "PUBLISHED"):
        assert trace(fig, status).marker.color == STATUS_COLORS[status]
        assert trace(fig, status).marker.symbol == STATUS_SYMBOLS[status]
    other = trace(fig, "QUEUED").marker
    assert other.symbol not in STATUS_SYMBOLS.values()
    assert other.color not in STATUS_COLORS.values()
    assert list(trace(fig, "DRAFT").customdata) == ["p1", "p3"]
    assert list(trace(fig, "DRAFT").y) == ["INSTAGRAM", "TIKTOK"]
    assert list(trace(fig, "SCHEDULED").customdata) == ["p2"]
    assert list(trace(fig, "QUEUED").y) == ["MASTODON"]


def test_customdata_maps_every_point_back_to_its_post():
    df = posts_frame(PLAN, LA).set_index("id")
    for t in status_traces(calendar(LA)):
        for post_id, channel in zip(t.customdata, t.y, strict=True):
            assert df.loc[post_id, "status"] == t.name
            assert df.loc[post_id, "channel"] == channel


@pytest.mark.parametrize(
    ("tz", "wall_clock"), [(LA, pd.Timestamp("2026-11-30 19:00")), (TOKYO, pd.Timestamp("2026-12-01 12:00"))]
)
def test_points_sit_on_the_viewer_day(tz, wall_clock):
    fig = calendar(tz)
    draft = trace(fig, "DRAFT")
    assert pd.Timestamp(draft.x[0]) == wall_clock
    assert fig.layout.xaxis.title.text == f"Date ({tz})"


@pytest.mark.parametrize(("tz", "monday"), [(LA, pd.Timestamp("2026-11-23")), (TOKYO, pd.Timestamp("2026-11-30"))])
def test_weeks_start_on_monday_in_the_viewer_zone(tz, monday):
    # 2026-11-30T03:00Z is Sunday Nov 29 in Los Angeles and Monday Nov 30 in Tokyo
    plan = [activity("a", "2026-11-30T03:00:00Z", item("p", "INSTAGRAM", "DRAFT"))]
    fig = calendar(tz, today=date(2026, 12, 2), plan=plan, events=[])
    axis = fig.layout.xaxis
    assert pd.Timestamp(axis.range[0]) == monday
    assert pd.Timestamp(axis.tick0) == monday
    assert pd.Timestamp(axis.tick0).day_name() == "Monday"
    assert axis.dtick == 7 * 24 * 3600 * 1000
    assert pd.Timestamp(axis.range[1]) == pd.Timestamp("2026-12-07")


def test_range_covers_the_plan_period_from_the_week_of_today():
    axis = calendar(LA).layout.xaxis
    assert pd.Timestamp(axis.range[0]) == pd.Timestamp("2026-11-23")  # today Fri Nov 27 -> Monday Nov 23
    assert pd.Timestamp(axis.range[1]) == pd.Timestamp("2026-12-14")  # last post Wed Dec 9 -> end of that week


def test_hover_names_channel_status_date_zone_and_a_short_caption():
    draft = trace(calendar(LA), "DRAFT")
    template = draft.hovertemplate
    assert "%{y}" in template
    assert "DRAFT" in template
    assert "%{x|" in template
    assert f"({LA})" in template
    assert "%{text}" in template
    shown = html.unescape(draft.text[0])
    assert len(shown) <= 80
    assert shown.startswith("Handmade mugs <b>for</b> the holidays.")
    assert "<b>" not in draft.text[0]  # escaped, so a caption cannot restyle the hover
    assert draft.text[1] == "caption"


def test_excerpt_keeps_short_text_and_cuts_long_text():
    assert excerpt("  a\n b ") == "a b"
    assert excerpt(None) == ""
    cut = excerpt("x" * 200)
    assert len(cut) == 80
    assert cut.endswith("…")


def test_event_occurrences_are_shaded_day_bands_with_their_names():
    fig = calendar(LA)
    band_trace = trace(fig, EVENT_BANDS_NAME)
    # Black Friday 17:00Z = Nov 27 in LA; Market day 18:00Z = Dec 5 and Dec 12; "Far away" is outside the period
    assert bands(fig) == [
        (pd.Timestamp("2026-11-27"), pd.Timestamp("2026-11-28")),
        (pd.Timestamp("2026-12-05"), pd.Timestamp("2026-12-06")),
        (pd.Timestamp("2026-12-12"), pd.Timestamp("2026-12-13")),
    ]
    assert list(band_trace.y) == [0, 1, 1, 0, 0, None] * 3
    assert band_trace.fill == "toself"
    assert band_trace.yaxis == "y2"
    assert fig.layout.yaxis2.range == (0, 1)
    assert fig.layout.yaxis2.overlaying == "y"
    assert band_trace.fillcolor not in STATUS_COLORS.values()
    labels = trace(fig, EVENT_LABELS_NAME)
    assert list(labels.text) == ["Black Friday", "Market day", "Market day"]
    assert [pd.Timestamp(x) for x in labels.x] == [start for start, _ in bands(fig)]
    for t in (band_trace, labels):  # never answer a click or hover meant for a post
        assert t.hoverinfo == "skip"
        assert t.customdata is None
        assert t.showlegend is False


def test_event_band_stays_on_its_day_in_another_zone():
    # Black Friday 2026-11-27T17:00Z is an all-day value of Nov 27 (its UTC date), also in Tokyo where it is the 28th
    assert bands(calendar(TOKYO))[0] == (pd.Timestamp("2026-11-27"), pd.Timestamp("2026-11-28"))


def test_no_event_traces_without_events_in_the_period():
    fig = calendar(LA, events=EVENTS[2:])
    assert [t.name for t in fig.data] == ["DRAFT", "SCHEDULED", "PUBLISHED", "QUEUED"]


def test_today_line():
    fig = calendar(LA)
    (line,) = shapes(fig, "line")
    assert pd.Timestamp(line.x0) == pd.Timestamp(line.x1) == pd.Timestamp("2026-11-27")
    assert line.line.dash == "dash"
    assert "Today" in [a.text for a in fig.layout.annotations]
    instant = calendar(TOKYO, today=datetime(2026, 11, 27, 20, 0, tzinfo=UTC))
    assert pd.Timestamp(shapes(instant, "line")[0].x0) == pd.Timestamp("2026-11-28 05:00")


def test_lanes_follow_the_channel_order_with_unknown_channels_last():
    axis = calendar(LA).layout.yaxis
    assert list(axis.categoryarray) == ["INSTAGRAM", "FACEBOOK", "TIKTOK", "MASTODON"]
    assert axis.title.text == "Channel"


def test_empty_plan_still_draws_axes_today_and_a_note():
    fig = calendar(LA, plan=[], events=[])
    assert fig.data == ()
    assert len(shapes(fig, "line")) == 1
    assert "No posts in this period." in [a.text for a in fig.layout.annotations]
    assert pd.Timestamp(fig.layout.xaxis.range[0]) == pd.Timestamp("2026-11-23")
    fig.to_json()


def test_thousands_of_posts_stay_in_one_trace_per_status():
    items = [
        item(f"p{n}", "INSTAGRAM" if n % 2 else "FACEBOOK", "DRAFT" if n % 3 else "SCHEDULED") for n in range(3000)
    ]
    fig = calendar(LA, plan=[activity("big", "2026-12-03T10:00:00Z", *items)])
    assert [t.name for t in fig.data] == ["DRAFT", "SCHEDULED", EVENT_BANDS_NAME, EVENT_LABELS_NAME]
    assert sum(len(t.customdata) for t in status_traces(fig)) == 3000
    assert len(trace(fig, "SCHEDULED").customdata) == 1000


def test_events_timeline_places_each_occurrence_in_range():
    df = events_frame(EVENTS, LA)
    fig = events_timeline(df, LA, date(2026, 11, 1), date(2026, 12, 10))
    assert [t.name for t in fig.data] == ["one-time", "recurring"]
    one_time, recurring = fig.data
    assert list(one_time.customdata) == ["e1"]
    assert list(one_time.y) == ["Black Friday"]
    assert [pd.Timestamp(x) for x in one_time.x] == [pd.Timestamp("2026-11-27 12:00")]  # mid-day of its day
    assert list(recurring.customdata) == ["e2"]  # Dec 12 is past the end
    assert [pd.Timestamp(x) for x in recurring.x] == [pd.Timestamp("2026-12-05 12:00")]
    assert one_time.marker.symbol != recurring.marker.symbol
    assert one_time.marker.color != recurring.marker.color
    assert "read-only" in recurring.text[0]
    assert "read-only" not in one_time.text[0]
    assert fig.layout.xaxis.title.text == f"Date ({LA})"
    assert pd.Timestamp(fig.layout.xaxis.tick0).day_name() == "Monday"
    assert [pd.Timestamp(v) for v in fig.layout.xaxis.range] == [pd.Timestamp("2026-11-01"), pd.Timestamp("2026-12-11")]


def test_events_timeline_end_day_is_inclusive():
    df = events_frame(EVENTS, TOKYO)
    fig = events_timeline(df, TOKYO, date(2026, 12, 12), date(2026, 12, 12))
    (recurring,) = fig.data
    assert [pd.Timestamp(x) for x in recurring.x] == [pd.Timestamp("2026-12-12 12:00")]  # Dec 12 18:00Z: the 12th


def test_events_timeline_without_events():
    fig = events_timeline(events_frame([], LA), LA, date(2026, 12, 1), date(2026, 12, 31))
    assert fig.data == ()
    assert "No events in this period." in [a.text for a in fig.layout.annotations]
    fig.to_json()


# --- all-day events stay on their day in every zone (issue 10, finding 1) ---------------------------------------

ZONES = (LA, "Pacific/Honolulu", TOKYO, "Pacific/Kiritimati")
WINTER_SALE = CalendarEvent.from_json({"id": "sale", "name": "Winter Sale", "date": "2026-12-10T00:00:00.000Z"})


@pytest.mark.parametrize("tz", ZONES)
def test_posts_calendar_shades_an_all_day_event_on_its_day_in_every_zone(tz):
    fig = calendar(tz, events=[WINTER_SALE])
    assert bands(fig) == [(pd.Timestamp("2026-12-10"), pd.Timestamp("2026-12-11"))]


@pytest.mark.parametrize("tz", ZONES)
def test_events_timeline_places_an_all_day_event_on_its_day_in_every_zone(tz):
    fig = events_timeline(events_frame([WINTER_SALE], tz), tz, date(2026, 12, 10), date(2026, 12, 10))
    (one_time,) = fig.data
    (when,) = [pd.Timestamp(x) for x in one_time.x]
    assert when.date() == date(2026, 12, 10)
    assert "%H:%M" not in one_time.hovertemplate  # a day, not a time of day


def test_weekly_event_across_the_dst_change_keeps_its_weekday():
    weekly = CalendarEvent.from_json(
        {
            "id": "market",
            "name": "Market day",
            "recurringRule": {"frequency": "WEEKLY", "startDate": "2026-10-25T00:00:00Z"},
            "recurringOccurrences": [{"date": f"2026-{d}T00:00:00Z"} for d in ("10-25", "11-01", "11-08")],
        }
    )
    fig = events_timeline(events_frame([weekly], LA), LA, date(2026, 10, 19), date(2026, 11, 15))
    assert [pd.Timestamp(x).day_name() for x in fig.data[0].x] == ["Sunday"] * 3
