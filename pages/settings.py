"""Settings view: marketing settings with options from the API; saves exactly the changed fields."""

from __future__ import annotations

import streamlit as st

from lib.display import channel_name, tool_name
from lib.flows.settings_diff import changed_settings_paths, settings_upsert_payload
from lib.flows.validation import validate_settings
from lib.settings_form import lines, readable, with_defaults
from lib.ui import notices, regenerate, site_state
from lib.ui.actions import just_done, read_or_explain, run_action
from lib.ui.connection import current_connection
from lib.ui.drafts import FormDraft
from lib.ui.permissions import needs
from lib.ui.readers import forget_settings, read_plan, read_settings_bundle
from lib.ui.shell import require_app_shell
from lib.wix.models import (
    BusinessProfile,
    Channel,
    Frequency,
    FrequencyInterval,
    MarketingTool,
    Settings,
)

require_app_shell()

SETTINGS_CHANNELS = ["FACEBOOK", "INSTAGRAM", "LINKEDIN", "PINTEREST", "GBP", "TIKTOK", "TWITTER"]
CUSTOM_GOAL = "__custom__"
SAVE_ACTION = "upsert settings"  # as the audit log names it

connection = current_connection()
site, client = connection.site_id, connection.client

st.title("Marketing settings")
st.caption("Settings shape the next generation or regeneration of the plan; they do not change the current plan.")
bundle = read_or_explain("the marketing settings", lambda: read_settings_bundle(site, client))
if bundle is None:
    if st.button("Try again", icon=":material/refresh:"):
        forget_settings()
        st.rerun()
    st.stop()
shown, from_defaults = with_defaults(bundle.settings.settings, bundle.defaults)


def default_note(name: str) -> str | None:
    """Help text that says a field shows Wix's default because it was never set."""
    return "Not set yet: showing Wix's default." if name in from_defaults else None


# After a save: what it means and the next step (the regeneration that makes the new settings count)
notices.render("settings")
last_notice = notices.current()
if last_notice is not None and last_notice.about == "settings" and last_notice.kind == "success":
    regenerate.render_offer(
        connection,
        read_or_explain("the plan status", lambda: read_plan(site, client)),
        "with the new settings",
        keyword_research=bool(site_state.get(site_state.SETTINGS_SAVED, {}).get("topics_changed")),
    )

# The form: every field starts from its unsaved edit, if any, else from what is saved
unsaved_note = st.empty()  # filled once the fields are drawn, so it counts this run's edits
draft = FormDraft(site_state.SETTINGS_DRAFT)
profile = shown.business_profile or BusinessProfile()

st.subheader("Goal and voice")
goal_keys = [str(option.key) for option in bundle.goals if option.key]
goal_choices = [*goal_keys, CUSTOM_GOAL]
current_goal = CUSTOM_GOAL if shown.custom_goal and not shown.goal_key else str(shown.goal_key or "")
goal = st.selectbox(
    "Goal",
    goal_choices,
    key=draft.field("goal", current_goal if current_goal in goal_choices else None),
    format_func=lambda key: "Custom goal…" if key == CUSTOM_GOAL else readable(key),
    help=default_note("goal_key"),
)
custom_goal = st.text_input(
    "Custom goal (when “Custom goal…” is chosen)", key=draft.field("custom_goal", shown.custom_goal or "")
)
views = [str(option.key) for option in bundle.points_of_view if option.key]
point_of_view = st.selectbox(
    "Point of view",
    views,
    key=draft.field("point_of_view", str(shown.point_of_view) if str(shown.point_of_view) in views else None),
    format_func=readable,
    help=default_note("point_of_view"),
)
tone = st.text_input(
    "Tone of voice", key=draft.field("tone", shown.tone_of_voice or ""), placeholder="e.g. warm and playful"
)

st.subheader("Channels and frequency")
tools = st.multiselect(
    "Marketing tools",
    [tool.value for tool in MarketingTool],
    key=draft.field("tools", [str(t) for t in shown.marketing_tools or [] if str(t) in MarketingTool.__members__]),
    format_func=tool_name,
    help=default_note("marketing_tools"),
)
channels = st.multiselect(
    "Social channels",
    SETTINGS_CHANNELS,
    key=draft.field("channels", [str(c) for c in shown.social_channels or [] if str(c) in SETTINGS_CHANNELS]),
    format_func=channel_name,
    help=default_note("social_channels"),
)
interval_col, count_col = st.columns(2)
intervals = [interval.value for interval in FrequencyInterval]
current_interval = str(shown.frequency.interval) if shown.frequency and shown.frequency.interval else "WEEK"
interval = interval_col.selectbox(
    "Posting frequency: per",
    intervals,
    key=draft.field("interval", current_interval if current_interval in intervals else intervals[0]),
    format_func=readable,
    help=default_note("frequency"),
)
count = count_col.number_input(
    "Posts per period (1 to 30)",
    key=draft.field("count", int((shown.frequency.count if shown.frequency else None) or 3)),
    step=1,
)

st.subheader("Topics")
include_col, exclude_col = st.columns(2)
included = include_col.text_area(
    "Topics to include (one per line)", key=draft.field("included", "\n".join(shown.topics_included or []))
)
excluded = exclude_col.text_area(
    "Topics to avoid (one per line)", key=draft.field("excluded", "\n".join(shown.topics_excluded or []))
)

st.subheader("Business profile and guidelines")
value_proposition = st.text_area(
    "Value proposition", key=draft.field("value_proposition", profile.value_proposition or "")
)
audience = st.text_area("Target audience", key=draft.field("audience", profile.target_audience or ""))
business_goal = st.text_area("Business goal", key=draft.field("business_goal", profile.business_goal or ""))
content_guidelines = st.text_area(
    "Content guidelines", key=draft.field("content_guidelines", shown.custom_content_guidelines or "")
)
image_guidelines = st.text_area("Image guidelines", key=draft.field("image_guidelines", shown.image_guidelines or ""))
calendar_names = {option.id: option.name or option.id for option in bundle.calendars}
calendars = st.multiselect(
    "Calendars that feed the plan",
    list(calendar_names),
    key=draft.field("calendars", [c for c in shown.calendar_ids or [] if c in calendar_names]),
    format_func=lambda calendar_id: calendar_names[calendar_id],
)

# Save (or discard) what differs from the saved settings
unsaved = draft.keep()
save_row = st.container(horizontal=True, vertical_alignment="center")
cannot_edit = needs(SAVE_ACTION)
submitted = save_row.button(
    "Save settings", type="primary", icon=":material/save:", disabled=cannot_edit is not None, help=cannot_edit
)
if unsaved:
    save_row.button("Discard changes", icon=":material/undo:", on_click=draft.discard)
    save_row.caption(f"Unsaved changes in {len(unsaved)} field(s). They are kept while you visit other views.")
    unsaved_note.warning(
        f"Unsaved changes in {len(unsaved)} field(s): save or discard them at the end of the form.",
        icon=":material/edit_note:",
    )

if submitted:
    edited = Settings(
        goal_key=None if goal in (None, CUSTOM_GOAL) else goal,
        custom_goal=custom_goal.strip() if goal == CUSTOM_GOAL else None,
        social_channels=[Channel(channel) for channel in channels],
        marketing_tools=[MarketingTool(tool) for tool in tools],
        point_of_view=point_of_view,
        tone_of_voice=tone.strip(),
        custom_content_guidelines=content_guidelines.strip(),
        image_guidelines=image_guidelines.strip(),
        frequency=Frequency(interval=interval, count=int(count)),
        topics_included=lines(included),
        topics_excluded=lines(excluded),
        business_profile=BusinessProfile(value_proposition.strip(), audience.strip(), business_goal.strip()),
        calendar_ids=calendars,
    )
    before, after = {"settings": shown.to_json()}, {"settings": edited.to_json()}
    problems = validate_settings(after["settings"])
    if goal == CUSTOM_GOAL and not custom_goal.strip():
        problems["marketingPlanGoal"] = "Write the custom goal, or pick one of the listed goals."
    mask = changed_settings_paths(before, after)
    if problems:
        for message in problems.values():
            st.error(message, icon=":material/edit:")
        st.caption("Nothing was saved. Your edits are still in the form.")
    elif not mask:
        if just_done(site, SAVE_ACTION):  # a second click on Save right after a save: the save stands
            if last_notice is None or last_notice.about != "settings":  # the first click's run was cut off
                notices.post("success", "Your changes are saved.", about="settings", view="settings")
                st.rerun()
        else:
            st.info("Nothing changed, so nothing was saved.", icon=":material/info:")
    else:
        settings_body, overrides_body = settings_upsert_payload(after, mask)
        result = run_action(
            site,
            SAVE_ACTION,
            lambda: client.upsert_marketing_settings(settings_body, mask, overrides_body),
            targets=mask,
            intent=repr((mask, settings_body, overrides_body)),
        )
        if result.ok:
            forget_settings()
            site_state.put(site_state.SETTINGS_SAVED, {"topics_changed": "settings.topics" in mask})
            notices.post(
                "success",
                f"Saved {len(mask)} change(s). They apply at the next (re)generation of the plan.",
                about="settings",
                view="settings",
            )
        else:
            notices.post(
                "error",
                f"Settings were not saved. {result.error} Your edits are still in the form.",
                about="settings",
                view="settings",
                anchor="save",
            )
        st.rerun()
notices.render("settings", anchor="save")
