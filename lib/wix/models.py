"""Typed models of the Marketing Plan API with tolerant parsing.

Every model keeps the JSON it came from in ``raw`` (unknown fields survive), a missing optional field is ``None``, an
unknown enum value stays a plain ``str`` and a wrongly typed value never raises. Wire names that are assumptions live
in :mod:`lib.wix.gaps`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

from lib.wix import gaps


class PlanStatus(StrEnum):
    NEVER_CREATED = "NEVER_CREATED"
    GENERATING = "GENERATING"
    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"
    FAILED = "FAILED"


class ActivityType(StrEnum):
    UNKNOWN = "UNKNOWN"
    SOCIAL_MARKETING = "SOCIAL_MARKETING"
    EMAIL_MARKETING = "EMAIL_MARKETING"
    BLOG = "BLOG"


class ItemStatus(StrEnum):
    DRAFT = "DRAFT"
    SCHEDULED = "SCHEDULED"
    PUBLISHED = gaps.ITEM_STATUS_PUBLISHED  # gap 32


class Channel(StrEnum):
    INSTAGRAM = "INSTAGRAM"
    FACEBOOK = "FACEBOOK"
    YOUTUBE = "YOUTUBE"
    LINKEDIN = "LINKEDIN"
    TWITTER = "TWITTER"
    PINTEREST = "PINTEREST"
    GBP = "GBP"
    TIKTOK = "TIKTOK"


class PlanGoal(StrEnum):
    DRIVE_TRAFFIC = "DRIVE_TRAFFIC"
    BRAND_AWARENESS = "BRAND_AWARENESS"
    BOOST_SALES = "BOOST_SALES"
    COLLECT_LEADS = "COLLECT_LEADS"


class PointOfView(StrEnum):
    FIRST_PERSON = "FIRST_PERSON"
    SECOND_PERSON = "SECOND_PERSON"
    THIRD_PERSON = "THIRD_PERSON"


class MarketingTool(StrEnum):
    SOCIAL_MARKETING = "SOCIAL_MARKETING"
    BLOGS = "BLOGS"
    EMAIL_MARKETING = "EMAIL_MARKETING"


class FrequencyInterval(StrEnum):
    WEEK = "WEEK"
    MONTH = "MONTH"
    YEAR = "YEAR"


class RecurrenceFrequency(StrEnum):
    """RecurringRule frequency (literals: gap 24)."""

    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"
    YEARLY = "YEARLY"


E = TypeVar("E", bound=StrEnum)

#: Plan status used when a response carries no ``status`` at all (not a PlanStatus member on purpose).
UNKNOWN_STATUS = "UNKNOWN"


def parse_enum(enum_cls: type[E], value: object) -> E | str | None:
    """Return the enum member for ``value``, the value as ``str`` when unknown, ``None`` when absent."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    try:
        return enum_cls(text)
    except ValueError:
        return text


def parse_datetime(value: object) -> datetime | None:
    """Parse an ISO-8601 timestamp (``Z`` suffix, millis, offsets) into an aware UTC datetime; ``None`` if invalid."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        if text[-1] in "zZ":
            text = text[:-1] + "+00:00"
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            return None
    else:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def format_datetime(value: datetime) -> str:
    """Format a datetime as the wire's ISO form in UTC with millis and ``Z`` (naive values are taken as UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def _str_list(value: object) -> list[str] | None:
    if not isinstance(value, list):
        return None
    return [text for text in (_str(v) for v in value) if text is not None]


def _enum_list(enum_cls: type[E], value: object) -> list[E | str] | None:
    if not isinstance(value, list):
        return None
    return [member for member in (parse_enum(enum_cls, v) for v in value if v is not None) if member is not None]


@dataclass(frozen=True)
class Media:
    type: str | None
    url: str | None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: object) -> Media:
        data = _dict(data)
        return cls(type=_str(data.get("type")), url=_str(data.get("url")), raw=data)


def _content(data: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """Find the per-channel content object of an item (gap 9): a known key first, else any non-envelope dict."""
    for key in gaps.ITEM_CONTENT_KEYS:
        if isinstance(data.get(key), dict):
            return key, data[key]
    for key, value in data.items():
        if key not in gaps.ITEM_ENVELOPE_KEYS and isinstance(value, dict):
            return key, value
    return None, {}


@dataclass(frozen=True)
class PostItem:
    """A post (Publisher item) of a marketing activity."""

    id: str
    channel: Channel | str | None
    account_id: str | None
    type: str | None
    status: ItemStatus | str | None
    caption: str | None
    media: list[Media]
    scheduled_date: datetime | None
    content_key: str | None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: object) -> PostItem:
        data = _dict(data)
        channel_raw = data.get("channel")
        if isinstance(channel_raw, dict):
            channel = parse_enum(Channel, channel_raw.get(gaps.ITEM_CHANNEL_NAME_FIELD))
            account_id = _str(channel_raw.get(gaps.ITEM_CHANNEL_ACCOUNT_FIELD))
        else:
            channel = parse_enum(Channel, _str(channel_raw))
            account_id = None
        content_key, content = _content(data)
        media_list = _list(_dict(content.get(gaps.ITEM_MEDIA_WRAPPER_FIELD)).get(gaps.ITEM_MEDIA_LIST_FIELD))
        return cls(
            id=_str(data.get("id")) or "",
            channel=channel,
            account_id=account_id,
            type=_str(data.get("type")),
            status=parse_enum(ItemStatus, _str(data.get("status"))),
            caption=_str(content.get(gaps.ITEM_CAPTION_FIELD)),
            media=[Media.from_json(m) for m in media_list if isinstance(m, dict)],
            scheduled_date=parse_datetime(data.get(gaps.ITEM_SCHEDULED_DATE_FIELD)),
            content_key=content_key,
            raw=data,
        )

    @property
    def image_url(self) -> str | None:
        """URL of the first IMAGE media, if any."""
        for media in self.media:
            if media.type == gaps.MEDIA_TYPE_IMAGE and media.url:
                return media.url
        return None

    @property
    def is_draft(self) -> bool:
        return self.status == ItemStatus.DRAFT

    @property
    def is_story(self) -> bool:
        return self.type == gaps.ITEM_TYPE_STORY or (self.content_key or "").endswith("Story")


def _items(value: object) -> list[PostItem]:
    return [PostItem.from_json(item) for item in _list(value) if isinstance(item, dict)]


@dataclass(frozen=True)
class MarketingActivity:
    """An activity from a plan (``marketingActivityId``, ``date``) or the activity service (``id``, ``targetDate``)."""

    id: str
    date: datetime | None
    title: str | None
    description: str | None
    type: ActivityType | str | None
    items: list[PostItem]
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: object) -> MarketingActivity:
        data = _dict(data)
        activity_id = _str(data.get(gaps.PLAN_ACTIVITY_ID_FIELD)) or _str(data.get("id")) or ""
        date_raw = data.get(gaps.PLAN_ACTIVITY_DATE_FIELD)
        if date_raw is None:
            date_raw = data.get(gaps.ACTIVITY_TARGET_DATE_FIELD)
        return cls(
            id=activity_id,
            date=parse_datetime(date_raw),
            title=_str(data.get("title")),
            description=_str(data.get("description")),
            type=parse_enum(ActivityType, _str(data.get(gaps.ACTIVITY_TYPE_FIELD))),
            items=_items(data.get("items")),
            raw=data,
        )


@dataclass(frozen=True)
class MarketingPlan:
    status: PlanStatus | str
    activities: list[MarketingActivity]
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: object) -> MarketingPlan:
        data = _dict(data)
        status = parse_enum(PlanStatus, _str(data.get(gaps.PLAN_STATUS_FIELD)))
        activities = _list(data.get(gaps.PLAN_ACTIVITIES_FIELD))
        return cls(
            status=UNKNOWN_STATUS if status is None else status,
            activities=[MarketingActivity.from_json(a) for a in activities if isinstance(a, dict)],
            raw=data,
        )

    @property
    def items(self) -> list[PostItem]:
        """All post items of all activities, in activity order."""
        return [item for activity in self.activities for item in activity.items]


@dataclass(frozen=True)
class ActivityPosts:
    activity_id: str
    items: list[PostItem]
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: object) -> ActivityPosts:
        data = _dict(data)
        activity_id = _str(data.get(gaps.PLAN_ACTIVITY_ID_FIELD)) or _str(data.get("id")) or ""
        return cls(activity_id=activity_id, items=_items(data.get("items")), raw=data)


@dataclass(frozen=True)
class ScheduledItem:
    id: str
    status: ItemStatus | str | None
    channel: Channel | str | None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: object) -> ScheduledItem:
        data = _dict(data)
        channel_raw = data.get("channel")
        channel_name = channel_raw.get(gaps.ITEM_CHANNEL_NAME_FIELD) if isinstance(channel_raw, dict) else channel_raw
        return cls(
            id=_str(data.get("id")) or "",
            status=parse_enum(ItemStatus, _str(data.get("status"))),
            channel=parse_enum(Channel, _str(channel_name)),
            raw=data,
        )


@dataclass(frozen=True)
class RecurringRule:
    """Recurrence of a calendar event (fields other than ``frequency``: gap 24)."""

    frequency: RecurrenceFrequency | str | None
    start_date: datetime | None = None
    end_date: datetime | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: object) -> RecurringRule:
        data = _dict(data)
        return cls(
            frequency=parse_enum(RecurrenceFrequency, _str(data.get(gaps.RULE_FREQUENCY_FIELD))),
            start_date=parse_datetime(data.get(gaps.RULE_START_FIELD)),
            end_date=parse_datetime(data.get(gaps.RULE_END_FIELD)),
            raw=data,
        )

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.frequency is not None:
            out[gaps.RULE_FREQUENCY_FIELD] = str(self.frequency)
        if self.start_date is not None:
            out[gaps.RULE_START_FIELD] = format_datetime(self.start_date)
        if self.end_date is not None:
            out[gaps.RULE_END_FIELD] = format_datetime(self.end_date)
        return out


@dataclass(frozen=True)
class CalendarEvent:
    """A calendar event: one-time (``date``) or recurring (``recurring_rule``)."""

    id: str | None = None
    name: str | None = None
    description: str | None = None
    date: datetime | None = None
    recurring_rule: RecurringRule | None = None
    calendar_id: str | None = None
    read_only: bool = False
    occurrences: list[datetime] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: object) -> CalendarEvent:
        data = _dict(data)
        rule_raw = data.get("recurringRule")
        occurrences = [
            parse_datetime(_dict(o).get(gaps.OCCURRENCE_DATE_FIELD))
            for o in _list(data.get(gaps.EVENT_OCCURRENCES_FIELD))
        ]
        return cls(
            id=_str(data.get("id")),
            name=_str(data.get("name")),
            description=_str(data.get("description")),
            date=parse_datetime(data.get("date")),
            recurring_rule=RecurringRule.from_json(rule_raw) if isinstance(rule_raw, dict) else None,
            calendar_id=_str(data.get("calendarId")),
            read_only=data.get(gaps.EVENT_READ_ONLY_FIELD) is True,
            occurrences=[o for o in occurrences if o is not None],
            raw=data,
        )

    @property
    def is_recurring(self) -> bool:
        return self.recurring_rule is not None

    def to_json(self) -> dict[str, Any]:
        """Writable fields only: name, description, and either recurringRule or date."""
        out: dict[str, Any] = {}
        if self.name is not None:
            out["name"] = self.name
        if self.description is not None:
            out["description"] = self.description
        if self.recurring_rule is not None:
            out["recurringRule"] = self.recurring_rule.to_json()
        elif self.date is not None:
            out["date"] = format_datetime(self.date)
        return out


@dataclass(frozen=True)
class Frequency:
    interval: FrequencyInterval | str | None
    count: int | None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: object) -> Frequency:
        data = _dict(data)
        return cls(
            interval=parse_enum(FrequencyInterval, _str(data.get("interval"))), count=_int(data.get("count")), raw=data
        )

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.interval is not None:
            out["interval"] = str(self.interval)
        if self.count is not None:
            out["count"] = self.count
        return out


@dataclass(frozen=True)
class BusinessProfile:
    value_proposition: str | None = None
    target_audience: str | None = None
    business_goal: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: object) -> BusinessProfile:
        data = _dict(data)
        return cls(
            value_proposition=_str(data.get("valueProposition")),
            target_audience=_str(data.get("targetAudience")),
            business_goal=_str(data.get("businessGoal")),
            raw=data,
        )

    def to_json(self) -> dict[str, Any]:
        pairs = {
            "valueProposition": self.value_proposition,
            "targetAudience": self.target_audience,
            "businessGoal": self.business_goal,
        }
        return {key: value for key, value in pairs.items() if value is not None}


@dataclass(frozen=True)
class Settings:
    """Marketing settings (field names and shapes: gap 26)."""

    goal_key: PlanGoal | str | None = None
    custom_goal: str | None = None
    social_channels: list[Channel | str] | None = None
    marketing_tools: list[MarketingTool | str] | None = None
    point_of_view: PointOfView | str | None = None
    tone_of_voice: str | None = None
    custom_content_guidelines: str | None = None
    image_guidelines: str | None = None
    frequency: Frequency | None = None
    topics_included: list[str] | None = None
    topics_excluded: list[str] | None = None
    business_profile: BusinessProfile | None = None
    calendar_ids: list[str] | None = None
    language: str | None = None
    business_location: dict[str, Any] | str | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: object) -> Settings:
        data = _dict(data)
        goal = _dict(data.get(gaps.SETTINGS_GOAL_FIELD))
        topics = _dict(data.get(gaps.SETTINGS_TOPICS_FIELD))
        frequency = data.get("frequency")
        profile = data.get("businessProfile")
        location = data.get("businessLocation")
        return cls(
            goal_key=parse_enum(PlanGoal, _str(goal.get(gaps.SETTINGS_GOAL_KEY_FIELD))),
            custom_goal=_str(goal.get(gaps.SETTINGS_CUSTOM_GOAL_FIELD)),
            social_channels=_enum_list(Channel, data.get("socialChannels")),
            marketing_tools=_enum_list(MarketingTool, data.get("marketingTools")),
            point_of_view=parse_enum(PointOfView, _str(data.get("pointOfView"))),
            tone_of_voice=_str(data.get("toneOfVoice")),
            custom_content_guidelines=_str(data.get("customContentGuidelines")),
            image_guidelines=_str(data.get("imageGuidelines")),
            frequency=Frequency.from_json(frequency) if isinstance(frequency, dict) else None,
            topics_included=_str_list(topics.get("included")),
            topics_excluded=_str_list(topics.get("excluded")),
            business_profile=BusinessProfile.from_json(profile) if isinstance(profile, dict) else None,
            calendar_ids=_str_list(_dict(data.get(gaps.SETTINGS_CALENDAR_FIELD)).get(gaps.SETTINGS_CALENDAR_IDS_FIELD)),
            language=_str(data.get("language")),
            business_location=location if isinstance(location, dict | str) else None,
            raw=data,
        )

    def to_json(self) -> dict[str, Any]:
        """CamelCase wire form of the writable fields; ``None`` fields are omitted."""
        out: dict[str, Any] = {}
        if self.goal_key is not None:
            out[gaps.SETTINGS_GOAL_FIELD] = {gaps.SETTINGS_GOAL_KEY_FIELD: str(self.goal_key)}
        elif self.custom_goal is not None:
            out[gaps.SETTINGS_GOAL_FIELD] = {gaps.SETTINGS_CUSTOM_GOAL_FIELD: self.custom_goal}
        if self.social_channels is not None:
            out["socialChannels"] = [str(c) for c in self.social_channels]
        if self.marketing_tools is not None:
            out["marketingTools"] = [str(t) for t in self.marketing_tools]
        if self.point_of_view is not None:
            out["pointOfView"] = str(self.point_of_view)
        texts = {
            "toneOfVoice": self.tone_of_voice,
            "customContentGuidelines": self.custom_content_guidelines,
            "imageGuidelines": self.image_guidelines,
        }
        out.update({key: value for key, value in texts.items() if value is not None})
        if self.frequency is not None:
            out["frequency"] = self.frequency.to_json()
        topics: dict[str, Any] = {}
        if self.topics_included is not None:
            topics["included"] = list(self.topics_included)
        if self.topics_excluded is not None:
            topics["excluded"] = list(self.topics_excluded)
        if topics:
            out[gaps.SETTINGS_TOPICS_FIELD] = topics
        if self.business_profile is not None:
            out["businessProfile"] = self.business_profile.to_json()
        if self.calendar_ids is not None:
            out[gaps.SETTINGS_CALENDAR_FIELD] = {gaps.SETTINGS_CALENDAR_IDS_FIELD: list(self.calendar_ids)}
        return out


@dataclass(frozen=True)
class MarketingSettings:
    id: str | None
    settings: Settings
    overrides: dict[str, Any]
    created_at: datetime | None
    updated_at: datetime | None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: object) -> MarketingSettings:
        data = _dict(data)
        return cls(
            id=_str(data.get("id")),
            settings=Settings.from_json(data.get("settings")),
            overrides=_dict(data.get("overrides")),
            created_at=parse_datetime(data.get("createdAt")),
            updated_at=parse_datetime(data.get("updatedAt")),
            raw=data,
        )


@dataclass(frozen=True)
class GoalOption:
    key: PlanGoal | str
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: object) -> GoalOption:
        data = _dict(data)
        return cls(key=parse_enum(PlanGoal, _str(data.get(gaps.GOAL_OPTION_KEY_FIELD))) or "", raw=data)


@dataclass(frozen=True)
class PointOfViewOption:
    key: PointOfView | str
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: object) -> PointOfViewOption:
        data = _dict(data)
        return cls(key=parse_enum(PointOfView, _str(data.get(gaps.POINT_OF_VIEW_OPTION_FIELD))) or "", raw=data)


@dataclass(frozen=True)
class CalendarOption:
    id: str
    name: str | None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: object) -> CalendarOption:
        data = _dict(data)
        return cls(id=_str(data.get("id")) or "", name=_str(data.get(gaps.CALENDAR_OPTION_NAME_FIELD)), raw=data)


@dataclass(frozen=True)
class Account:
    """A connected Publisher account (field names: gap 32)."""

    id: str | None
    channel: Channel | str | None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: object) -> Account:
        data = _dict(data)
        return cls(
            id=_str(data.get(gaps.ACCOUNT_ID_FIELD)),
            channel=parse_enum(Channel, _str(data.get(gaps.ACCOUNT_CHANNEL_FIELD))),
            raw=data,
        )
