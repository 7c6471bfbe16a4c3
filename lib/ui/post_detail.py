"""The detail of one post: image, full caption, channel, status, activity."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import streamlit as st

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
                    text.text(f"{item.channel} · {item.status} · {item.type or 'POST'}")
                    if activity.date:
                        text.text(
                            activity.date.astimezone(ZoneInfo(tz_name)).strftime(f"%a %d %b %Y, %H:%M ({tz_name})")
                        )
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
