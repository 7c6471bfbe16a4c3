"""Session state that refers to one site's Wix data: the one registry of such keys, each stored under the site.

Poll jobs, pending dialogs, selections, notices and unsaved edits all name Wix objects of one site. Kept under a bare
key they would follow the viewer to another site (a pending schedule request confirmed against the wrong site's
drafts). Every module stores such state through this one: `put("schedule_request", ids)` lands under
``"<site id>::schedule_request"``. The names below are the registry: one owner module each, so no module spells
another module's key.

The site is bound by `lib.ui.connection.connection_for` on every run. Widget callbacks run before the script (so
before that run's binding): they act under the site the clicked widget was drawn for, which is the one wanted.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

BOUND_SITE_KEY = "__studio_site__"

# The registry: name -> owner module
GENERATION_JOB = "generation_job"  # lib/ui/regenerate.py
POLL_GAVE_UP = "generation_poll_gave_up"  # lib/ui/regenerate.py
DELETE_PLAN_REQUEST = "delete_plan_request"  # lib/ui/plan_status.py
REGENERATE_REQUEST = "regenerate_request"  # lib/ui/regenerate.py
SCHEDULE_REQUEST = "schedule_request"  # lib/ui/scheduling.py
POST_POLL = "post_poll"  # lib/ui/more_posts.py
NOTICE = "notice"  # lib/ui/notices.py
POLL_LINE_PREFIX = "poll_line:"  # lib/ui/polling.py, + a followed job's name: the line its last tick showed
DATA_VERSION = "data_version"  # lib/ui/selection.py
ACTIVITY_FILTERS = ("activity_dates", "activity_type", "without_posts")  # pages/plan.py: widget keys
POST_FILTERS = ("post_channel", "post_status", "post_week")  # pages/plan.py: widget keys
POSTS_CALENDAR = "posts_calendar"  # pages/plan.py: the calendar's key (its value is the last click)
DELETE_EVENT_REQUEST = "delete_event_request"  # pages/events.py
EVENTS_CALENDAR = "events_calendar"  # pages/events.py: the calendar's key
CREATE_EVENT_FORM = "create_event"  # pages/events.py: the create form's key (its unsaved entries)
EDIT_EVENT_FORM_PREFIX = "edit_event:"  # pages/events.py, + event ID: the edit form's key
SETTINGS_DRAFT = "settings_draft"  # pages/settings.py
SETTINGS_SAVED = "settings_saved"  # pages/settings.py
DELETE_ACTIVITY_REQUEST = "delete_activity_request"  # pages/activity.py
ACTIVITY_PICKER = "activity_picker"  # pages/activity.py: the picker's widget key
ACTIVITY_JOB_PREFIX = "activity_regeneration:"  # lib/ui/activity_posts.py, + activity ID
ACTIVITY_POST_ACTION_REQUEST = "activity_post_action_request"  # lib/ui/activity_posts.py
ACTIVITY_EDIT_OPEN_PREFIX = "activity_edit_open:"  # lib/ui/activity_form.py, + activity ID (a widget key)
ACTIVITY_CREATE_FORM = "activity_create_form"  # lib/ui/activity_form.py: how many activities were created here


def bind(site_id: str) -> None:
    """Name the site this run works on (called once per run by the connection)."""
    st.session_state[BOUND_SITE_KEY] = site_id


def bound_site() -> str:
    """The site of this run (or of the run that drew the widget whose callback is running)."""
    return str(st.session_state.get(BOUND_SITE_KEY, ""))


def key(name: str) -> str:
    """The session-state (or widget) key of ``name`` for the bound site."""
    return f"{bound_site()}::{name}"


def get(name: str, default: Any = None) -> Any:
    """The bound site's value of ``name``."""
    return st.session_state.get(key(name), default)


def put(name: str, value: Any) -> None:
    """Set the bound site's ``name``."""
    st.session_state[key(name)] = value


def pop(name: str, default: Any = None) -> Any:
    """Remove and return the bound site's ``name``."""
    return st.session_state.pop(key(name), default)
