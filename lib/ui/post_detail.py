"""The detail of one post: image, full caption, channel, status, activity."""

from __future__ import annotations

import streamlit as st

from lib.display import channel_name, format_day_time, post_type_name, status_name
from lib.wix.models import MarketingPlan


def render_post_detail(plan: MarketingPlan, post_id: object, tz_name: str) -> None:
    """Show the clicked post; captions and titles are rendered as text, never as HTML."""
    if isinstance(post_id, list | tuple):
        post_id = post_id[0] if post_id else None
    if not post_id:
        st.caption("Click a post on the calendar to see it in full.")
        return
    for activity in plan.activities:
        for item in activity.items:
            if item.id == post_id:
                with st.container(border=True):
                    image, text = st.columns([1, 2])
                    if item.image_url:
                        image.image(item.image_url)
                    kind = post_type_name(item.type or "POST")
                    text.text(f"{channel_name(item.channel)} · {status_name(item.status)} · {kind}")
                    if activity.date:
                        text.text(f"{format_day_time(activity.date, tz_name)} ({tz_name})")
                    text.text(f"Activity: {activity.title or '(untitled)'}")
                    text.text(item.caption or "(no caption)")
                    text.page_link(
                        "pages/activity.py",
                        label="Open its activity",
                        icon=":material/open_in_new:",
                        query_params={"activity": activity.id},
                    )
                return
    st.caption("That post is no longer in the plan.")
