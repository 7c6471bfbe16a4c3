"""Every client-side assumption about the wire where the reference is silent.

The number after each constant is the gap in section 13 of ``shared/wix-api/README.md``; the chosen values follow
``docs/wire-contract.md``. Nothing else in ``lib/wix`` hard-codes a gap-dependent name.
"""

from __future__ import annotations

# --- base paths (documented, kept here so every URL is built in one place) ---
BASE_PATH = "/promote/marketing-plan-service/v1"
PUBLISHER_PATH = "/social-publisher/v1"

# --- errors ---
# gap 3: applicationError codes (from the recipe; the docs name none)
CODE_PLAN_ALREADY_GENERATING = "PLAN_ALREADY_GENERATING_ERROR"
CODE_INVALID_FIELD_MASK = "INVALID_FIELD_MASK_ERROR"
CODE_PLAN_NOT_FOUND = "PLAN_NOT_FOUND"  # gap 8
CODE_PREMIUM_FEATURE_MISSING = "SCHEDULE_POSTS_PREMIUM_FEATURE_MISSING"  # gap 12: feature name unknown
CODE_EVENT_READ_ONLY = "EVENT_READ_ONLY"  # gap 25
CODE_EVENT_NOT_FOUND = "EVENT_NOT_FOUND"  # gap 25
CODE_MISSING_REQUIRED_FIELDS = "MISSING_REQUIRED_FIELDS"  # gap 19
CODE_INVALID_RECURRING_RULE = "INVALID_RECURRING_RULE"  # gap 24
# gap 4: FAILED_PRECONDITION -> 428 and INVALID_ARGUMENT -> 400 (pairing seen on other Wix pages)
STATUS_FAILED_PRECONDITION = 428
STATUS_INVALID_ARGUMENT = 400
# gap 6: rate limits / retry semantics undocumented; 429 is retried on reads honouring a Retry-After in seconds
RETRY_AFTER_HEADER = "Retry-After"

# --- Marketing Plan V1 ---
# gap 7: generate/regenerate bodies unknown; an empty JSON object is sent, `status` read from the response
# gap 7 (effects): the reference says a regeneration rebuilds the plan's upcoming activities and is silent on posts
# already SCHEDULED in them. Assumed the worst: they go with the activity they belong to and will not be published.
# The sandbox does the same (lib/sandbox/gaps.py), and every regenerate dialog says it with this sentence.
SCHEDULED_POSTS_ON_PLAN_REGENERATION = (
    "The Wix reference does not say what happens to posts already scheduled in upcoming activities (gap 7). "
    "Assume they are replaced with their activity and will not be published: reschedule the new drafts afterwards."
)
# gap 15: after DeleteMarketingPlan every activity is gone, scheduled posts with them (assumed, as for gap 7)
SCHEDULED_POSTS_ON_PLAN_DELETE = (
    "The Wix reference does not say what happens to scheduled posts of a deleted plan (gap 15). "
    "Assume they are deleted with their activities and will not be published."
)
# gap 14 (effects): what DeletePlanMarketingActivity does to the activity's scheduled posts (assumed as for gap 15)
SCHEDULED_POSTS_OF_DELETED_ACTIVITY = (
    "The Wix reference does not say what happens to the scheduled posts of a deleted activity (gap 14). "
    "Assume they are deleted with it and will not be published."
)
# gap 13 (effects): the per-activity regenerate methods rewrite the activity's drafts; the reference is silent on its
# scheduled posts. Assumed (and done by the sandbox): only drafts are replaced, scheduled and published posts stay.
SCHEDULED_POSTS_OF_REBUILT_ACTIVITIES = (
    "Only drafts are rewritten. The Wix reference does not say what happens to this activity's scheduled posts "
    "(gap 13); this app assumes they stay as they are."
)
EMPTY_BODY: dict[str, object] = {}
PLAN_STATUS_FIELD = "status"
# gap 9: GetSocialMarketingPlan query parameter names and response shapes
PLAN_TIMEFRAME_START_PARAM = "timeframe.startDate"
PLAN_TIMEFRAME_END_PARAM = "timeframe.endDate"
PLAN_ACTIVITIES_FIELD = "marketingActivities"
PLAN_ACTIVITY_ID_FIELD = "marketingActivityId"
PLAN_ACTIVITY_DATE_FIELD = "date"
ACTIVITY_TYPE_FIELD = "marketingActivityType"  # gap 9 on plan activities (gap 21 on the activity service)
ITEM_CHANNEL_NAME_FIELD = "name"  # gap 9: item `channel` object
ITEM_CHANNEL_ACCOUNT_FIELD = "accountId"  # gap 9
ITEM_SCHEDULED_DATE_FIELD = "scheduledDate"  # gap 9
ITEM_CAPTION_FIELD = "caption"  # gap 9
ITEM_MEDIA_WRAPPER_FIELD = "mediaWrapper"  # gap 9
ITEM_MEDIA_LIST_FIELD = "media"  # gap 9
ITEM_TYPE_STORY = "STORY"  # gap 9: story items carry type STORY
MEDIA_TYPE_IMAGE = "IMAGE"
# gap 9: keys of an item that are envelope, not per-channel content (Publisher item object + plan extras)
ITEM_ENVELOPE_KEYS = frozenset(
    {
        "id",
        "channel",
        "type",
        "status",
        "scheduledDate",
        "draftInfo",
        "external",
        "insightsSummary",
        "publicationError",
        "createdDate",
        "updatedDate",
        "revision",
        "accountId",
    }
)
# gap 9: per-channel content keys known from the Publisher item object, preferred when present
ITEM_CONTENT_KEYS = (
    "instagramPost",
    "instagramStory",
    "facebookPost",
    "facebookReel",
    "facebookStory",
    "linkedinPost",
    "pinterestPost",
    "gbpPost",
    "tiktokPhoto",
    "tiktokVideo",
    "twitterPost",
    "youtubeShort",
    "youtubeVideo",
)
# gap 10: GenerateSocialPosts body field and size limit
GENERATE_POSTS_IDS_FIELD = "marketingActivityIds"
GENERATE_POSTS_MAX_IDS = 20
# gap 11: GetMarketingActivityPosts size limit and response wrapper
ACTIVITY_POSTS_IDS_FIELD = "marketingActivityIds"
ACTIVITY_POSTS_MAX_IDS = 100
ACTIVITY_POSTS_RESPONSE_FIELD = "marketingActivities"
# gap 12: ScheduleDrafts body field, limit and response wrapper
SCHEDULE_DRAFTS_IDS_FIELD = "draftIds"
SCHEDULE_DRAFTS_MAX_IDS = 20
SCHEDULE_DRAFTS_RESPONSE_FIELD = "items"
# gap 13: per-activity clear/regenerate bodies and the transient snapshot wrapper
ACTIVITY_ID_BODY_FIELD = "marketingActivityId"
SNAPSHOT_RESPONSE_FIELD = "marketingActivity"
# gap 14: DeletePlanMarketingActivity response contents unknown (ignored); query parameter `id` is documented
DELETE_ACTIVITY_ID_PARAM = "id"

# --- Marketing Activity V1 ---
ACTIVITY_WRAPPER = "marketingActivity"  # documented for Get; assumed for Create (gap 19) and Update (gap 20)
ACTIVITY_TARGET_DATE_FIELD = "targetDate"  # gap 21
# gap 19: CreateMarketingActivity verb and URL
CREATE_ACTIVITY_METHOD = "POST"
CREATE_ACTIVITY_PATH = "/marketing-activity"
# gap 20: UpdateMarketingActivity fieldMask as a JSON array of paths; allowed paths
FIELD_MASK_FIELD = "fieldMask"
ACTIVITY_UPDATABLE_FIELDS = ("title", "description", "targetDate")

# --- Calendar Event V1 ---
CREATE_EVENT_WRAPPER = "calendarEvent"  # documented request wrapper; response wrapper assumed the same (gap 23)
UPDATE_EVENT_WRAPPER = "event"  # gap 22 (request and response)
QUERY_EVENTS_WRAPPER = "query"  # gap 23: request wrapper inferred from `filter.date.$gte`
QUERY_EVENTS_RESPONSE_FIELD = "calendarEvents"  # gap 23
# gap 24: RecurringRule fields, frequency literals and occurrences
RULE_FREQUENCY_FIELD = "frequency"
RULE_START_FIELD = "startDate"
RULE_END_FIELD = "endDate"
EVENT_OCCURRENCES_FIELD = "recurringOccurrences"
OCCURRENCE_DATE_FIELD = "date"
EVENT_READ_ONLY_FIELD = "readOnly"  # gap 25

# --- Marketing Settings V1 ---
SETTINGS_WRAPPER = "marketingSettings"  # gap 27 (Get response), gap 28 (Upsert response)
# gap 26: Settings sub-field names and shapes (from the recipe)
SETTINGS_GOAL_FIELD = "marketingPlanGoal"
SETTINGS_GOAL_KEY_FIELD = "goalKey"
SETTINGS_CUSTOM_GOAL_FIELD = "customGoal"
SETTINGS_TOPICS_FIELD = "topics"
SETTINGS_CALENDAR_FIELD = "calendar"
SETTINGS_CALENDAR_IDS_FIELD = "ids"
# gap 29: defaults response wrapper and the GET encoding of the mask (repeated query parameter)
DEFAULTS_RESPONSE_FIELD = "settings"
DEFAULTS_MASK_PARAM = "fieldMask"
DEFAULTS_MASK_VALUES = ("socialChannels", "calendar", "marketingPlanGoal", "frequency")
# gap 30: option item field names
OPTIONS_FIELD = "options"
GOAL_OPTION_KEY_FIELD = "planGoalKey"  # documented
POINT_OF_VIEW_OPTION_FIELD = "pointOfView"  # gap 30: docs show only "pointOf..."
CALENDAR_OPTION_NAME_FIELD = "name"  # gap 30

# --- Publisher ---
# gap 32: List Accounts response wrapper and where the account id lives; the "published" item status literal
ACCOUNTS_PATH = "/accounts"
ACCOUNTS_CHANNEL_PARAM = "channelName"  # documented
ACCOUNTS_RESPONSE_FIELD = "accounts"
ACCOUNT_ID_FIELD = "id"
ACCOUNT_CHANNEL_FIELD = "channelName"
ITEM_STATUS_PUBLISHED = "PUBLISHED"
