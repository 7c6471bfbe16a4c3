"""Every sandbox assumption where the reference is silent, in one place.

The number in each comment is the gap in section 13 of ``shared/wix-api/README.md``; values follow
``docs/wire-contract.md``. Where the contract itself is silent the sandbox's own choice is marked "sandbox choice".
No other sandbox module hard-codes a gap-dependent name or number.
"""

from __future__ import annotations

from datetime import timedelta

# --- paths (documented; kept here so every route is built from one place) ---
BASE = "/promote/marketing-plan-service/v1"
PUBLISHER_BASE = "/social-publisher/v1"
ADMIN_BASE = "/_sandbox"

# --- auth (reference section 6; gap 5: API keys accepted, wix-site-id required) ---
AUTH_HEADER = "authorization"
SITE_HEADER = "wix-site-id"
PERMISSION_NAME = "Manage Marketing Plans"
PERMISSION_SCOPE = "SCOPE.PROMOTE.MANAGE-MARKETING-PLAN"
PUBLISHER_PERMISSION_NAME = "Manage Social Posts"
PUBLISHER_PERMISSION_SCOPE = "SCOPE.PROMOTE.MANAGE-SOCIAL-POSTS"

# --- errors ---
# gap 4: HTTP status per canonical code (pairing from other Wix pages)
HTTP_STATUS = {
    "INVALID_ARGUMENT": 400,
    "UNAUTHENTICATED": 401,
    "PERMISSION_DENIED": 403,
    "NOT_FOUND": 404,
    "ALREADY_EXISTS": 409,
    "FAILED_PRECONDITION": 428,
    "RESOURCE_EXHAUSTED": 429,
}
# gap 3: applicationError codes (the first two from the recipe, the rest the wire contract's choice)
CODE_PLAN_ALREADY_GENERATING = "PLAN_ALREADY_GENERATING_ERROR"
MESSAGE_PLAN_ALREADY_GENERATING = "plan already generating"
CODE_INVALID_FIELD_MASK = "INVALID_FIELD_MASK_ERROR"
CODE_PLAN_NOT_FOUND = "PLAN_NOT_FOUND"  # gap 8
CODE_PREMIUM_FEATURE_MISSING = "SCHEDULE_POSTS_PREMIUM_FEATURE_MISSING"  # gap 12
CODE_EVENT_READ_ONLY = "EVENT_READ_ONLY"  # gap 25
CODE_EVENT_NOT_FOUND = "EVENT_NOT_FOUND"  # gap 25
CODE_MISSING_REQUIRED_FIELDS = "MISSING_REQUIRED_FIELDS"  # gap 19
CODE_INVALID_RECURRING_RULE = "INVALID_RECURRING_RULE"  # gap 24
# gap 3: fieldViolation.ruleName as printed in the reference's example body
VALIDATION_RULE_NAME = "VALIDATION_ERROR"
# gap 6: rate limits undocumented; 429 says when to retry in whole seconds
RETRY_AFTER_HEADER = "Retry-After"

# --- enums ---
ACTIVITY_TYPES = ("SOCIAL_MARKETING", "EMAIL_MARKETING", "BLOG")  # UNKNOWN is not creatable
ITEM_DRAFT = "DRAFT"
ITEM_SCHEDULED = "SCHEDULED"  # [SEC]; Publisher docs use SCHEDULED
ITEM_PUBLISHED = "PUBLISHED"  # gap 32: literal for "published" unknown
ITEM_TYPE_POST = "POST"
ITEM_TYPE_STORY = "STORY"  # gap 9
MEDIA_TYPE_IMAGE = "IMAGE"
PUBLISHER_CHANNELS = ("INSTAGRAM", "FACEBOOK", "YOUTUBE", "LINKEDIN", "TWITTER", "PINTEREST", "GBP", "TIKTOK")
SETTINGS_CHANNELS = ("FACEBOOK", "INSTAGRAM", "LINKEDIN", "PINTEREST", "GBP", "TIKTOK", "TWITTER")  # gap 26
PLAN_GOALS = ("DRIVE_TRAFFIC", "BRAND_AWARENESS", "BOOST_SALES", "COLLECT_LEADS")  # gap 31
POINTS_OF_VIEW = ("FIRST_PERSON", "SECOND_PERSON", "THIRD_PERSON")  # gap 31
MARKETING_TOOLS = ("SOCIAL_MARKETING", "BLOGS", "EMAIL_MARKETING")  # gap 26
FREQUENCY_INTERVALS = ("WEEK", "MONTH", "YEAR")  # gap 26
FREQUENCY_COUNT_RANGE = (1, 30)  # gap 26
RECURRING_FREQUENCIES = ("WEEKLY", "MONTHLY", "YEARLY")  # gap 24: literals assumed
RECURRING_INVALID = "UNKNOWN"

# --- Marketing Plan V1 ---
# gap 7: generate/regenerate request bodies are ignored; the response holds only `status`
# gap 7: keyword research is "multi-stage, slower": its generation takes this many times generation_seconds
KEYWORD_RESEARCH_SLOWDOWN = 1.5
# gap 7 (sandbox choice): a generation builds its activities when it completes, from the settings and events
# stored then, dated from the moment it started; activities dated before that moment are kept, the rest rebuilt
# with all their items, SCHEDULED ones included (the client's dialogs say so: lib/wix/gaps.py, gap 7 effects)
# gap 8: GenerateMarketingPlan while generating answers like Regenerate (428 PLAN_ALREADY_GENERATING_ERROR);
# on an existing plan it behaves like Regenerate (past activities kept, upcoming rebuilt)
# gap 8: "a plan exists" = status is not NEVER_CREATED (a FAILED first generation still counts as a plan)
# gap 9: GetSocialMarketingPlan query parameters; no timeframe = from start of today (UTC), no upper bound
TIMEFRAME_START_PARAM = "timeframe.startDate"
TIMEFRAME_END_PARAM = "timeframe.endDate"
# gap 9: per-channel content key of a post item, and of a story item
POST_CONTENT_KEYS = {
    "FACEBOOK": "facebookPost",
    "INSTAGRAM": "instagramPost",
    "LINKEDIN": "linkedinPost",
    "PINTEREST": "pinterestPost",
    "GBP": "gbpPost",
    "TIKTOK": "tiktokPhoto",
    "TWITTER": "twitterPost",
}
STORY_CHANNEL = "INSTAGRAM"  # gap 9: only Instagram stories are planned, and only when Instagram gets posts
STORY_CONTENT_KEY = "instagramStory"  # gap 9
STORY_EVERY_NTH_SOCIAL_ACTIVITY = 3  # gap 9 (sandbox choice): activities 1, 4, 7, ... of a plan carry a story
# gap 9: time of day of planned activities (UTC), per activity type
ACTIVITY_HOUR_UTC = {"SOCIAL_MARKETING": 9, "BLOG": 11, "EMAIL_MARKETING": 14}
# gap 9: a scheduled item carries scheduledDate = its activity's date
# gap 10: GenerateSocialPosts ids field and size; posts only for social activities (others: nothing happens)
GENERATE_POSTS_IDS_FIELD = "marketingActivityIds"
GENERATE_POSTS_MAX_IDS = 20
POSTABLE_ACTIVITY_TYPES = ("SOCIAL_MARKETING",)
# gap 10 / section 4 (sandbox choice): posts are made for the settings' social channels (defaults when unset),
# both at generation and by GenerateSocialPosts
# gap 11: GetMarketingActivityPosts ids field and size; unknown ids are left out of the answer; no video candidates
ACTIVITY_POSTS_IDS_FIELD = "marketingActivityIds"
ACTIVITY_POSTS_MAX_IDS = 100
# gap 12: ScheduleDrafts ids field and size; the answer lists only the items this call scheduled; duplicate ids
# count once; drafts whose activity lies in the past are scheduled like any other (scheduledDate = activity date)
SCHEDULE_IDS_FIELD = "draftIds"
SCHEDULE_MAX_IDS = 20
# gap 13: per-activity clear/regenerate body field and snapshot wrapper. Sandbox choices: RegenerateMarketing-
# ActivityPosts replaces DRAFT posts (new ids) for every channel without a scheduled/published post, also on an
# activity that had none; -PostsMedia gives every DRAFT item of the activity one new image (ids and captions kept)
# and does nothing without drafts; -Stories replaces the DRAFT story (new id) only if there is one; ClearPosts also
# cancels the activity's pending post jobs. Unknown activity ids answer 404 NOT_FOUND.
ACTIVITY_ID_FIELD = "marketingActivityId"
SNAPSHOT_FIELD = "marketingActivity"
# gap 14: DeletePlanMarketingActivity answers {}; gap 15: status after DeleteMarketingPlan
STATUS_AFTER_DELETE = "NEVER_CREATED"
# gap 16: near-term window for posts made at generation; weeks start on Monday (weekday 0)
NEAR_TERM_DEFAULT = "end-of-next-week"
WEEK_START_WEEKDAY = 0
# gap 17: an ACTIVE plan not engaged with (no write call) for this long turns INACTIVE on the next plan read
INACTIVE_AFTER = timedelta(weeks=6)

# --- Marketing Activity V1 ---
ACTIVITY_WRAPPER = "marketingActivity"  # gap 19 / gap 20: create and update wrappers
FIELD_MASK_FIELD = "fieldMask"  # gap 20: a JSON array of paths (a comma-separated string is accepted too)
ACTIVITY_UPDATABLE_FIELDS = ("title", "description", "targetDate")  # reference A2
# gap 20: a masked path absent from the body is an INVALID_ARGUMENT, like a disallowed path; an empty mask is too
# gap 21: a created activity joins the plan without posts; GetMarketingActivity returns only the five named fields

# --- Calendar Event V1 ---
CREATE_EVENT_WRAPPER = "calendarEvent"  # documented request wrapper; response wrapper the same (gap 23)
UPDATE_EVENT_WRAPPER = "event"  # gap 22
QUERY_WRAPPER = "query"  # gap 23
QUERY_EVENTS_FIELD = "calendarEvents"  # gap 23
QUERY_EVENTS_MAX = 100  # reference C4
OCCURRENCES_FIELD = "recurringOccurrences"  # gap 24: items {"date": ISO}
OCCURRENCES_MAX = 100  # reference object page: 0-100 items
READ_ONLY_FIELD = "readOnly"  # gap 25
EVENT_TEXT_MAX = 3000  # reference object page
# gap 24: a rule needs startDate; endDate optional (inclusive)
# gap 25: name is required on create and update; read-only events live in a connected calendar (own calendarId)
# and exist only when a scenario seeds them (the API cannot create them)
# gap 23: QueryEvents sorts by the first date inside the range, ties by id; an inverted range finds nothing
MARKETING_CALENDAR_NAME = "Marketing calendar"  # gap 30: calendar option `name`
CONNECTED_CALENDAR_NAME = "Google Calendar"  # gap 25: source of read-only events

# --- Marketing Settings V1 ---
SETTINGS_WRAPPER = "marketingSettings"  # gap 27 / gap 28
SETTINGS_TEXT_MAX = 3000  # gap 26
SETTINGS_READ_ONLY = ("language", "businessLocation", "targetLocations")  # reference 10.4
SETTINGS_TOP_READ_ONLY = ("id", "createdAt", "updatedAt")
SETTINGS_WRITABLE = (
    "marketingPlanGoal",
    "socialChannels",
    "marketingTools",
    "pointOfView",
    "toneOfVoice",
    "customContentGuidelines",
    "imageGuidelines",
    "imageGenerationSettings",
    "frequency",
    "topics",
    "businessProfile",
    "calendar",
)  # gap 26 (recipe names)
# gap 26: sub-fields of object-shaped settings (recipe shapes); a fieldMask may name these too
SETTINGS_SUBFIELDS = {
    "marketingPlanGoal": ("goalKey", "customGoal"),
    "frequency": ("interval", "count"),
    "topics": ("included", "excluded", "coreTopic"),
    "businessProfile": ("valueProposition", "targetAudience", "businessGoal"),
    "calendar": ("ids",),
}
OVERRIDE_TOOLS = ("socialMarketing", "emailMarketing", "blogs")  # gap 26: each {"frequency": {...}}
SITE_LANGUAGE = "en"  # gap 26: read-only values derived from the (imaginary) site
SITE_BUSINESS_LOCATION = {"country": "US", "subdivision": "US-OR", "city": "Portland"}  # gap 26
SITE_TARGET_LOCATIONS: list[dict[str, str]] = [{"country": "US"}]  # gap 26 (deprecated field)
# gap 26: settings.frequency applies to every tool unless overrides.<tool>.frequency is set (overrides inherit);
# settings.calendar.ids, when set, limits which calendars' events shape the plan
# gap 27: never-saved settings carry no createdAt/updatedAt; gap 28: Upsert answers the saved settings
# gap 26: defaults applied at generation when a setting is unset
DEFAULT_GOAL = {"goalKey": "BRAND_AWARENESS"}
DEFAULT_CHANNELS = ("FACEBOOK", "INSTAGRAM")
DEFAULT_TOOLS = ("SOCIAL_MARKETING",)
DEFAULT_FREQUENCY = {"interval": "WEEK", "count": 3}
DEFAULT_TOOL_FREQUENCY = {
    "socialMarketing": DEFAULT_FREQUENCY,
    "emailMarketing": {"interval": "MONTH", "count": 2},
    "blogs": {"interval": "MONTH", "count": 2},
}
DEFAULT_POINT_OF_VIEW = "FIRST_PERSON"
# gap 29: GetMarketingSettingsDefaults mask as a repeated query parameter (fieldMask or field_mask)
DEFAULTS_MASK_PARAMS = ("fieldMask", "field_mask")
DEFAULTS_MASK_VALUES = ("socialChannels", "calendar", "marketingPlanGoal", "frequency")
# gap 30: option item field names
GOAL_OPTION_FIELD = "planGoalKey"
POINT_OF_VIEW_OPTION_FIELD = "pointOfView"

# --- Publisher ---
# gap 32: List Accounts answer {"accounts": [{"id", "channelName", "<channel>": {"username"}}]}, connected only
ACCOUNT_DETAIL_KEYS = {
    "INSTAGRAM": "instagram",
    "FACEBOOK": "facebook",
    "YOUTUBE": "youtube",
    "LINKEDIN": "linkedin",
    "TWITTER": "twitter",
    "PINTEREST": "pinterest",
    "GBP": "gbp",
    "TIKTOK": "tiktok",
}
