"""One site's state and every API operation on it (plan lifecycle, posts, activities, events, settings).

Asynchronous work (plan generation, post generation) is stored as jobs with a `completesAt` epoch time; `advance()`
finishes the due jobs before a request reads or writes, so completion is lazy and survives restarts. Which jobs are due
depends on `SandboxOptions.progression`: those whose time has come, those the read shows, or none until the admin
call asks.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lib.sandbox import calendar_events, clock, errors, gaps, ids, marketing_settings, planner
from lib.sandbox.fieldmask import parse_field_mask
from lib.sandbox.options import SandboxOptions
from lib.sandbox.store import Store

META, ACTIVITY, EVENT, SETTINGS = "meta", "activity", "event", "settings"
_META_KEY = "site"
_SETTINGS_KEY = "current"
_CONTENT_KEYS = (*gaps.POST_CONTENT_KEYS.values(), gaps.STORY_CONTENT_KEY)


def new_meta(connected: list[str], premium: bool) -> dict[str, Any]:
    """Initial site metadata: no plan."""
    return {
        "status": "NEVER_CREATED",
        "planId": None,
        "generation": 0,
        "job": None,
        "postJobs": {},
        "failNext": False,
        "connected": connected,
        "premium": premium,
        "lastEngagedAt": time.time(),
        "createdActivities": 0,
        "createdEvents": 0,
    }


def content_of(item: dict[str, Any]) -> dict[str, Any]:
    """The per-channel content object of an item (`instagramPost`, `facebookPost`, ...)."""
    return next(item[key] for key in _CONTENT_KEYS if key in item)


@dataclass(frozen=True)
class Read:
    """What an API read shows, for the "reads" progression: the plan (its status and every activity's posts) or the
    posts of some activities."""

    plan: bool = False
    activity_ids: frozenset[str] = frozenset()

    def shows(self, activity_id: str | None) -> bool:
        """Whether the read shows a job's result: the generation's (`None`) or the new posts of an activity."""
        return self.plan or activity_id in self.activity_ids


NO_READ = Read()
PLAN_READ = Read(plan=True)


class Site:
    """A site's documents in the store, with the operations the routes call."""

    def __init__(self, store: Store, site_id: str, options: SandboxOptions) -> None:
        self.store = store
        self.id = site_id
        self.options = options

    # --- raw state -------------------------------------------------------------------------------------------
    @property
    def meta(self) -> dict[str, Any]:
        """Site metadata (status, jobs, channels, premium)."""
        return self.store.get(self.id, META, _META_KEY)

    def save_meta(self, meta: dict[str, Any] | None = None) -> None:
        """Write the metadata through."""
        self.store.put(self.id, META, _META_KEY, meta if meta is not None else self.meta)

    def activities(self) -> dict[str, dict[str, Any]]:
        """All stored activities by id."""
        return self.store.all(self.id, ACTIVITY)

    def save_activity(self, activity: dict[str, Any]) -> None:
        """Write one activity through."""
        self.store.put(self.id, ACTIVITY, activity["marketingActivityId"], activity)

    def events(self) -> dict[str, dict[str, Any]]:
        """All stored calendar events by id."""
        return self.store.all(self.id, EVENT)

    def save_event(self, event: dict[str, Any]) -> None:
        """Write one event through."""
        self.store.put(self.id, EVENT, event["id"], event)

    def saved_settings(self) -> dict[str, Any] | None:
        """Saved marketing settings, None when never saved."""
        return self.store.get(self.id, SETTINGS, _SETTINGS_KEY)

    def save_settings(self, saved: dict[str, Any]) -> None:
        """Write the settings through."""
        self.store.put(self.id, SETTINGS, _SETTINGS_KEY, saved)

    def profile(self) -> marketing_settings.Profile:
        """Effective settings for generation."""
        return marketing_settings.profile(self.saved_settings())

    def _activity(self, activity_id: object) -> dict[str, Any]:
        activity = self.activities().get(activity_id) if isinstance(activity_id, str) else None
        if activity is None:
            raise errors.not_found(f"marketing activity {activity_id!r} not found")
        return activity

    # --- jobs ------------------------------------------------------------------------------------------------
    def advance(self, read: Read = NO_READ, *, every: bool = False) -> int:
        """Finish the due jobs and say how many: by the clock ("time" progression), when `read` shows their result
        ("reads"), never by themselves ("manual"); with `every`, all pending jobs in any progression."""
        now = time.time()
        progression = self.options.progression

        def due(job: dict[str, Any], activity_id: str | None) -> bool:
            if every:
                return True
            if progression == "reads":
                return read.shows(activity_id)
            return progression == "time" and job["completesAt"] <= now

        meta = self.meta
        job = meta.get("job")
        generation_due = job is not None and due(job, None)
        posts_due = any(due(j, activity_id) for activity_id, jobs in meta["postJobs"].items() for j in jobs)
        if not (generation_due or posts_due):
            return 0
        finished = 0
        with self.store.batch():
            if job is not None and generation_due:
                self._finish_generation(meta, job)
                finished += 1
            for activity_id in list(meta["postJobs"]):
                remaining = []
                for post_job in meta["postJobs"].pop(activity_id):
                    if due(post_job, activity_id):
                        self._finish_post_job(activity_id, post_job["mode"])
                        finished += 1
                    else:
                        remaining.append(post_job)
                if remaining:
                    meta["postJobs"][activity_id] = remaining
            self.save_meta(meta)
        return finished

    def engage(self) -> None:
        """Record engagement (any write call): keeps an ACTIVE plan from turning INACTIVE (gap 17)."""
        meta = self.meta
        meta["lastEngagedAt"] = time.time()
        self.save_meta(meta)

    def _finish_generation(self, meta: dict[str, Any], job: dict[str, Any]) -> None:
        meta["job"] = None
        if job["fail"]:
            meta["status"] = "FAILED"
            return
        start_at = clock.from_epoch(job["startedAt"])
        inputs = planner.PlanInputs(
            site_id=self.id,
            generation=job["generation"],
            profile=self.profile(),
            events=list(self.events().values()),
            start_at=start_at,
            posts_until=clock.near_term_end(self.options.near_term, start_at),
        )
        start_iso = clock.iso(start_at)
        for activity_id, activity in list(self.activities().items()):
            if activity["date"] >= start_iso:  # upcoming activities are rebuilt, past ones kept
                self.store.delete(self.id, ACTIVITY, activity_id)
                meta["postJobs"].pop(activity_id, None)
        for activity in planner.build_activities(inputs):
            self.save_activity(activity)
        meta["status"] = "ACTIVE"
        meta["lastEngagedAt"] = time.time()

    def _finish_post_job(self, activity_id: str, mode: str) -> None:
        activity = self.activities().get(activity_id)
        if activity is None:
            return
        profile = self.profile()
        items = activity["items"]
        activity["_rev"] += 1
        if mode in ("generate", "posts"):
            keep = [it for it in items if not (it["status"] == gaps.ITEM_DRAFT and it["type"] == gaps.ITEM_TYPE_POST)]
            taken = frozenset(it["channel"]["name"] for it in keep if it["type"] == gaps.ITEM_TYPE_POST)
            story = mode == "generate" and activity["_story"] and all(it["type"] != gaps.ITEM_TYPE_STORY for it in keep)
            activity["items"] = keep + planner.make_items(
                activity, profile, with_posts=True, with_story=story, skip=taken
            )
        elif mode == "media":
            image = planner.new_image(activity)
            for item in items:
                if item["status"] == gaps.ITEM_DRAFT:
                    content_of(item)["mediaWrapper"] = {"media": [{"type": gaps.MEDIA_TYPE_IMAGE, "url": image}]}
        elif mode == "stories":
            drafts = [it for it in items if it["type"] == gaps.ITEM_TYPE_STORY and it["status"] == gaps.ITEM_DRAFT]
            if drafts:
                keep = [it for it in items if it not in drafts]
                activity["items"] = keep + planner.make_items(activity, profile, with_posts=False, with_story=True)
        self.save_activity(activity)

    def _add_post_job(self, activity_id: str, mode: str) -> None:
        meta = self.meta
        job = {"mode": mode, "completesAt": time.time() + self.options.post_seconds}
        meta["postJobs"].setdefault(activity_id, []).append(job)
        self.save_meta(meta)

    # --- Marketing Plan V1 -----------------------------------------------------------------------------------
    def start_generation(self, kind: str) -> dict[str, Any]:
        """Generate / Regenerate / RegenerateWithKeywordResearch: starts an asynchronous generation."""
        meta = self.meta
        status = meta["status"]
        if kind != "generate" and status == "NEVER_CREATED":
            raise errors.failed_precondition(gaps.CODE_PLAN_NOT_FOUND, "no marketing plan exists for this site")
        if status == "GENERATING":
            if kind == "keyword":  # refreshes inputs only; the running generation goes on
                return {"status": "GENERATING"}
            raise errors.failed_precondition(gaps.CODE_PLAN_ALREADY_GENERATING, gaps.MESSAGE_PLAN_ALREADY_GENERATING)
        seconds = self.options.generation_seconds * (gaps.KEYWORD_RESEARCH_SLOWDOWN if kind == "keyword" else 1.0)
        now = time.time()
        meta["generation"] += 1
        meta["job"] = {
            "kind": kind,
            "generation": meta["generation"],
            "startedAt": now,
            "completesAt": now + seconds,
            "fail": meta["failNext"],
            "showPrevious": status == "ACTIVE",
        }
        meta["failNext"] = False
        meta["status"] = "GENERATING"
        meta["planId"] = meta["planId"] or ids.guid(self.id, "plan", meta["generation"])
        self.save_meta(meta)
        return {"status": "GENERATING"}

    def plan(self, start: str | None, end: str | None) -> dict[str, Any]:
        """GetSocialMarketingPlan (gap 9): status and the activities dated inside the timeframe."""
        low = _parse_param(start, gaps.TIMEFRAME_START_PARAM) or clock.start_of_day(clock.now())
        high = _parse_param(end, gaps.TIMEFRAME_END_PARAM)
        self.advance(PLAN_READ)
        meta = self.meta
        idle = time.time() - meta["lastEngagedAt"]
        if meta["status"] == "ACTIVE" and idle > gaps.INACTIVE_AFTER.total_seconds():
            meta["status"] = "INACTIVE"
            self.save_meta(meta)
        status = meta["status"]
        visible = status == "ACTIVE" or (status == "GENERATING" and meta["job"]["showPrevious"])
        if not visible:
            return {"status": status, "marketingActivities": []}
        low_iso, high_iso = clock.iso(low), clock.iso(high) if high else None
        chosen = [
            a
            for a in self.activities().values()
            if a["date"] >= low_iso and (high_iso is None or a["date"] <= high_iso)
        ]
        chosen.sort(key=lambda a: (a["date"], a["marketingActivityId"]))
        accounts = self.account_ids()
        return {"status": status, "marketingActivities": [render_activity(a, accounts) for a in chosen]}

    def generate_social_posts(self, body: dict[str, Any]) -> dict[str, Any]:
        """GenerateSocialPosts (gap 10): posts appear after `post_seconds`."""
        wanted = _id_list(body, gaps.GENERATE_POSTS_IDS_FIELD, gaps.GENERATE_POSTS_MAX_IDS)
        activities = [self._activity(activity_id) for activity_id in wanted]
        with self.store.batch():
            for activity in activities:
                if activity["marketingActivityType"] in gaps.POSTABLE_ACTIVITY_TYPES:
                    self._add_post_job(activity["marketingActivityId"], "generate")
        return {}

    def activity_posts(self, body: dict[str, Any]) -> dict[str, Any]:
        """GetMarketingActivityPosts (gap 11): current items of the known activities, in the order asked."""
        wanted = _id_list(body, gaps.ACTIVITY_POSTS_IDS_FIELD, gaps.ACTIVITY_POSTS_MAX_IDS)
        self.advance(Read(activity_ids=frozenset(wanted)))
        accounts = self.account_ids()
        stored = self.activities()
        return {
            "marketingActivities": [
                {"marketingActivityId": aid, "items": [render_item(it, accounts) for it in stored[aid]["items"]]}
                for aid in dict.fromkeys(wanted)
                if aid in stored
            ]
        }

    def schedule_drafts(self, body: dict[str, Any]) -> dict[str, Any]:
        """ScheduleDrafts (reference section 5): only DRAFT items of connected channels are scheduled."""
        wanted = _id_list(body, gaps.SCHEDULE_IDS_FIELD, gaps.SCHEDULE_MAX_IDS)
        meta = self.meta
        if not meta["premium"]:
            raise errors.failed_precondition(
                gaps.CODE_PREMIUM_FEATURE_MISSING, "the site's plan lacks the schedule-posts premium feature"
            )
        index = {item["id"]: (activity, item) for activity in self.activities().values() for item in activity["items"]}
        scheduled = []
        touched: dict[str, dict[str, Any]] = {}
        for item_id in dict.fromkeys(wanted):
            if item_id not in index:
                continue
            activity, item = index[item_id]
            if item["status"] != gaps.ITEM_DRAFT or item["channel"]["name"] not in meta["connected"]:
                continue
            item["status"] = gaps.ITEM_SCHEDULED
            item["scheduledDate"] = activity["date"]  # gap 9
            touched[activity["marketingActivityId"]] = activity
            scheduled.append({"id": item["id"], "status": item["status"], "channel": {"name": item["channel"]["name"]}})
        with self.store.batch():
            for activity in touched.values():
                self.save_activity(activity)
        return {"items": scheduled}

    def clear_posts(self, body: dict[str, Any], stories_only: bool) -> dict[str, Any]:
        """ClearMarketingActivityPosts / -Stories: remove DRAFT items (only stories for the latter)."""
        activity = self._activity(_required_id(body))

        def removed(item: dict[str, Any]) -> bool:
            return item["status"] == gaps.ITEM_DRAFT and (not stories_only or item["type"] == gaps.ITEM_TYPE_STORY)

        activity["items"] = [item for item in activity["items"] if not removed(item)]
        with self.store.batch():
            if not stories_only:
                meta = self.meta
                meta["postJobs"].pop(activity["marketingActivityId"], None)
                self.save_meta(meta)
            self.save_activity(activity)
        return {}

    def regenerate_activity(self, body: dict[str, Any], mode: str) -> dict[str, Any]:
        """RegenerateMarketingActivityPosts / -PostsMedia / -Stories: returns the transient snapshot (gap 13)."""
        activity = self._activity(_required_id(body))
        items = activity["items"]
        drafts = [item for item in items if item["status"] == gaps.ITEM_DRAFT]
        if mode == "stories":
            starts = any(item["type"] == gaps.ITEM_TYPE_STORY for item in drafts)
        elif mode == "media":
            starts = bool(drafts)
        else:
            starts = activity["marketingActivityType"] in gaps.POSTABLE_ACTIVITY_TYPES
        if starts:
            self._add_post_job(activity["marketingActivityId"], mode)
        accounts = self.account_ids()
        snapshot = {
            "marketingActivityId": activity["marketingActivityId"],
            "items": [render_item(it, accounts) for it in items],
        }
        return {gaps.SNAPSHOT_FIELD: snapshot}

    def delete_plan(self) -> dict[str, Any]:
        """DeleteMarketingPlan: the plan and all its activities go; status NEVER_CREATED (gap 15)."""
        meta = self.meta
        meta.update(status=gaps.STATUS_AFTER_DELETE, planId=None, job=None, postJobs={})
        with self.store.batch():
            self.store.drop_kind(self.id, ACTIVITY)
            self.save_meta(meta)
        return {}

    def delete_activity(self, activity_id: str | None) -> dict[str, Any]:
        """DeletePlanMarketingActivity (gap 14: answers {})."""
        if not activity_id:
            raise errors.invalid("id", "is required", "REQUIRED_FIELD")
        self._activity(activity_id)
        meta = self.meta
        meta["postJobs"].pop(activity_id, None)
        with self.store.batch():
            self.store.delete(self.id, ACTIVITY, activity_id)
            self.save_meta(meta)
        return {}

    # --- Marketing Activity V1 -------------------------------------------------------------------------------
    def get_activity(self, activity_id: str | None) -> dict[str, Any]:
        """GetMarketingActivity."""
        if not activity_id:
            raise errors.invalid("id", "is required", "REQUIRED_FIELD")
        return {gaps.ACTIVITY_WRAPPER: render_service_activity(self._activity(activity_id))}

    def create_activity(self, body: dict[str, Any]) -> dict[str, Any]:
        """CreateMarketingActivity (gap 19): joins the plan without posts."""
        meta = self.meta
        if meta["status"] == "NEVER_CREATED":
            raise errors.failed_precondition(gaps.CODE_PLAN_NOT_FOUND, "no marketing plan exists for this site")
        raw = body.get(gaps.ACTIVITY_WRAPPER)
        raw = raw if isinstance(raw, dict) else {}
        missing = [f for f in ("title", "description", "targetDate") if not isinstance(raw.get(f), str) or not raw[f]]
        if raw.get("marketingActivityType") not in gaps.ACTIVITY_TYPES:
            missing.append("marketingActivityType")
        if missing:
            raise errors.failed_precondition(
                gaps.CODE_MISSING_REQUIRED_FIELDS,
                f"required: {', '.join(missing)} (marketingActivityType one of {', '.join(gaps.ACTIVITY_TYPES)})",
            )
        moment = _parse_body_date(raw["targetDate"], f"{gaps.ACTIVITY_WRAPPER}.targetDate")
        meta["createdActivities"] += 1
        seed = f"{self.id}|created|{meta['createdActivities']}"
        activity = planner.new_activity(
            ids.guid(seed, "activity"), moment, raw["marketingActivityType"], raw["title"], self.profile(), seed
        )
        activity.update(title=raw["title"], description=raw["description"])
        with self.store.batch():
            self.save_activity(activity)
            self.save_meta(meta)
        return {gaps.ACTIVITY_WRAPPER: render_service_activity(activity)}

    def update_activity(self, activity_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """UpdateMarketingActivity (gap 20): only title, description, targetDate may be masked."""
        raw = body.get(gaps.ACTIVITY_WRAPPER)
        if not isinstance(raw, dict):
            raise errors.invalid(gaps.ACTIVITY_WRAPPER, "is required and must be an object", "REQUIRED_FIELD")
        paths = parse_field_mask(body.get(gaps.FIELD_MASK_FIELD), gaps.ACTIVITY_WRAPPER)
        bad = [path for path in paths if path not in gaps.ACTIVITY_UPDATABLE_FIELDS]
        if bad:
            allowed = ", ".join(gaps.ACTIVITY_UPDATABLE_FIELDS)
            raise errors.invalid(gaps.FIELD_MASK_FIELD, f"paths {bad} cannot be updated; allowed: {allowed}", "OTHER")
        if raw.get("id") not in (None, activity_id):
            raise errors.invalid(f"{gaps.ACTIVITY_WRAPPER}.id", "does not match the id in the path", "OTHER")
        activity = self._activity(activity_id)
        changes: dict[str, str] = {}
        for path in paths:
            value = raw.get(path)
            where = f"{gaps.ACTIVITY_WRAPPER}.{path}"
            if not isinstance(value, str) or not value:
                raise errors.invalid(where, "is masked but missing or empty", "REQUIRED_FIELD")
            changes["date" if path == "targetDate" else path] = value
        if "date" in changes:
            changes["date"] = clock.iso(_parse_body_date(changes["date"], f"{gaps.ACTIVITY_WRAPPER}.targetDate"))
        activity.update(changes)
        self.save_activity(activity)
        return {gaps.ACTIVITY_WRAPPER: render_service_activity(activity)}

    # --- Calendar Event V1 -----------------------------------------------------------------------------------
    def create_event(self, body: dict[str, Any]) -> dict[str, Any]:
        """CreateEvent: one-time or recurring; id and calendarId assigned."""
        fields = calendar_events.validate(body.get(gaps.CREATE_EVENT_WRAPPER), gaps.CREATE_EVENT_WRAPPER)
        meta = self.meta
        meta["createdEvents"] += 1
        event = {
            "id": ids.guid(self.id, "event", meta["createdEvents"]),
            "calendarId": ids.marketing_calendar_id(self.id),
        }
        event.update(fields)
        with self.store.batch():
            self.save_event(event)
            self.save_meta(meta)
        return {gaps.CREATE_EVENT_WRAPPER: calendar_events.render(event)}

    def _writable_event(self, event_id: str) -> dict[str, Any]:
        event = self.events().get(event_id)
        if event is None:
            raise errors.failed_precondition(gaps.CODE_EVENT_NOT_FOUND, f"calendar event {event_id!r} not found")
        if event.get(gaps.READ_ONLY_FIELD):
            raise errors.failed_precondition(
                gaps.CODE_EVENT_READ_ONLY, "events from a connected calendar are read-only"
            )
        return event

    def update_event(self, event_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """UpdateEvent: full replacement (gap 22 wrapper `event`)."""
        event = self._writable_event(event_id)
        fields = calendar_events.validate(body.get(gaps.UPDATE_EVENT_WRAPPER), gaps.UPDATE_EVENT_WRAPPER)
        replaced = {"id": event["id"], "calendarId": event["calendarId"], **fields}
        self.save_event(replaced)
        return {gaps.UPDATE_EVENT_WRAPPER: calendar_events.render(replaced)}

    def delete_event(self, event_id: str) -> dict[str, Any]:
        """DeleteEvent."""
        self._writable_event(event_id)
        self.store.delete(self.id, EVENT, event_id)
        return {}

    def query_events(self, body: dict[str, Any]) -> dict[str, Any]:
        """QueryEvents."""
        return {gaps.QUERY_EVENTS_FIELD: calendar_events.query(list(self.events().values()), body)}

    # --- Marketing Settings V1 -------------------------------------------------------------------------------
    def get_settings(self) -> dict[str, Any]:
        """GetMarketingSettings (gap 27)."""
        return {gaps.SETTINGS_WRAPPER: marketing_settings.render(self.id, self.saved_settings())}

    def upsert_settings(self, body: dict[str, Any]) -> dict[str, Any]:
        """UpsertMarketingSettings (gap 28)."""
        saved = marketing_settings.upsert(self.saved_settings(), body, clock.iso(clock.now()))
        self.save_settings(saved)
        return {gaps.SETTINGS_WRAPPER: marketing_settings.render(self.id, saved)}

    def calendar_options(self) -> dict[str, Any]:
        """GetCalendarOptions (gap 30: `name`)."""
        return {
            "options": [
                {"id": ids.marketing_calendar_id(self.id), "name": gaps.MARKETING_CALENDAR_NAME},
                {"id": ids.connected_calendar_id(self.id), "name": gaps.CONNECTED_CALENDAR_NAME},
            ]
        }

    # --- Publisher ---------------------------------------------------------------------------------------------
    def account_ids(self) -> dict[str, str]:
        """Publisher account id per connected channel."""
        return {channel: ids.digits(self.id, "account", channel) for channel in self.meta["connected"]}

    def accounts(self, channel: str | None) -> dict[str, Any]:
        """List Accounts (gap 32): connected channels only."""
        if channel is not None and channel not in gaps.PUBLISHER_CHANNELS:
            allowed = ", ".join(gaps.PUBLISHER_CHANNELS)
            raise errors.invalid("channelName", f"must be one of {allowed}", "INVALID_ENUM_VALUE")
        return {
            "accounts": [
                {
                    "id": account_id,
                    "channelName": name,
                    gaps.ACCOUNT_DETAIL_KEYS[name]: {"username": f"studio_{name.lower()}"},
                }
                for name, account_id in self.account_ids().items()
                if channel in (None, name)
            ]
        }

    # --- admin -------------------------------------------------------------------------------------------------
    def set_connected(self, channels: object) -> dict[str, Any]:
        """Admin: which Publisher channels are connected."""
        if not isinstance(channels, list) or any(c not in gaps.PUBLISHER_CHANNELS for c in channels):
            raise errors.invalid("connected", f"must list channels from {', '.join(gaps.PUBLISHER_CHANNELS)}", "OTHER")
        meta = self.meta
        meta["connected"] = list(dict.fromkeys(channels))
        self.save_meta(meta)
        return {"connected": meta["connected"]}

    def set_premium(self, enabled: object) -> dict[str, Any]:
        """Admin: whether the schedule-posts premium feature is on."""
        if not isinstance(enabled, bool):
            raise errors.invalid("enabled", "must be true or false", "FORMAT")
        meta = self.meta
        meta["premium"] = enabled
        self.save_meta(meta)
        return {"premium": enabled}

    def fail_next_generation(self) -> dict[str, Any]:
        """Admin: the next generation started ends FAILED."""
        meta = self.meta
        meta["failNext"] = True
        self.save_meta(meta)
        return {"failNextGeneration": True}

    def complete_jobs(self) -> dict[str, Any]:
        """Admin: finish the pending generation and post jobs now, whatever the progression."""
        completed = self.advance(every=True)
        return {"completedJobs": completed, "status": self.meta["status"]}

    def make_idle(self) -> dict[str, Any]:
        """Admin: pretend nobody engaged for longer than the INACTIVE threshold (gap 17)."""
        meta = self.meta
        meta["lastEngagedAt"] = time.time() - gaps.INACTIVE_AFTER.total_seconds() - 1
        self.save_meta(meta)
        return {"lastEngagedAt": clock.iso(clock.from_epoch(meta["lastEngagedAt"]))}

    def summary(self) -> dict[str, Any]:
        """Admin: a short view of the site's state."""
        meta = self.meta
        return {
            "site": self.id,
            "status": meta["status"],
            "generation": meta["generation"],
            "connected": meta["connected"],
            "premium": meta["premium"],
            "activities": len(self.activities()),
            "items": sum(len(a["items"]) for a in self.activities().values()),
            "events": len(self.events()),
            "pendingPostJobs": sum(len(jobs) for jobs in meta["postJobs"].values()),
        }


def render_item(item: dict[str, Any], accounts: dict[str, str]) -> dict[str, Any]:
    """Wire form of an item; `channel.accountId` present for connected channels."""
    name = item["channel"]["name"]
    channel = {"name": name, "accountId": accounts[name]} if name in accounts else {"name": name}
    return {**item, "channel": channel}


def render_activity(activity: dict[str, Any], accounts: dict[str, str]) -> dict[str, Any]:
    """Wire form of a plan activity (internal `_` fields dropped)."""
    out = {k: v for k, v in activity.items() if not k.startswith("_") and k != "items"}
    out["items"] = [render_item(item, accounts) for item in activity["items"]]
    return out


def render_service_activity(activity: dict[str, Any]) -> dict[str, Any]:
    """Wire form in the Marketing Activity service (`id`, `targetDate`)."""
    return {
        "id": activity["marketingActivityId"],
        "title": activity["title"],
        "description": activity["description"],
        "targetDate": activity["date"],
        "marketingActivityType": activity["marketingActivityType"],
    }


def _parse_param(value: str | None, name: str) -> datetime | None:
    if value is None:
        return None
    moment = clock.parse_iso(value)
    if moment is None:
        raise errors.invalid(name, "must be an ISO-8601 date-time", "FORMAT")
    return moment


def _parse_body_date(value: object, field: str) -> datetime:
    moment = clock.parse_iso(value)
    if moment is None:
        raise errors.invalid(field, "must be an ISO-8601 date-time", "FORMAT")
    return moment


def _id_list(body: dict[str, Any], field: str, maximum: int) -> list[str]:
    value = body.get(field)
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise errors.invalid(field, "is required: a list of ids", "REQUIRED_FIELD")
    if not 1 <= len(value) <= maximum:
        raise errors.invalid(field, f"must hold 1 to {maximum} ids", "OUT_OF_RANGE", {"min": 1, "max": maximum})
    return value


def _required_id(body: dict[str, Any]) -> str:
    value = body.get(gaps.ACTIVITY_ID_FIELD)
    if not isinstance(value, str) or not value:
        raise errors.invalid(gaps.ACTIVITY_ID_FIELD, "is required", "REQUIRED_FIELD")
    return value
