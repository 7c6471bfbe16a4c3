"""Typed models of the Marketing Plan API with tolerant parsing.

Every model keeps the JSON it came from in ``raw`` (unknown fields survive), a missing optional field is ``None``, an
unknown enum value stays a plain ``str`` and a wrongly typed value never raises. Wire names that are assumptions live
in :mod:`lib.wix.gaps`.

Each field says where it lives on the wire and how it is read and written: ``wire(path..., codec=...)``. One generic
reader per model (``from_json``) and one writer (``to_json``, on the writable models) follow those declarations.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import MISSING, Field, dataclass, field, fields
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, ClassVar, Self, TypeVar, dataclass_transform

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


def _enum_value(enum_cls: type[E], value: object) -> E | str | None:
    return parse_enum(enum_cls, _str(value))


def _enum_list(enum_cls: type[E], value: object) -> list[E | str] | None:
    if not isinstance(value, list):
        return None
    return [member for member in (parse_enum(enum_cls, v) for v in value if v is not None) if member is not None]


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True, slots=True)
class _Codec:
    """How a field's wire value is read (never raises; ``None`` when unusable) and written."""

    read: Callable[[Any], Any]
    write: Callable[[Any], Any] = _same


_TEXT = _Codec(_str)
_INTEGER = _Codec(_int)
_INSTANT = _Codec(parse_datetime, format_datetime)
_OBJECT = _Codec(_dict)
_TEXTS = _Codec(_str_list, list)


def _enum(enum_cls: type[StrEnum]) -> _Codec:
    return _Codec(functools.partial(_enum_value, enum_cls), str)


def _enums(enum_cls: type[StrEnum]) -> _Codec:
    return _Codec(functools.partial(_enum_list, enum_cls), lambda members: [str(m) for m in members])


def _one(model: type[_Model]) -> _Codec:
    """A nested object; ``None`` unless the wire value is a dict."""
    return _Codec(lambda v: model.from_json(v) if isinstance(v, dict) else None, lambda v: v.to_json())


def _many(model: type[_Model]) -> _Codec:
    """A list of nested objects; entries that are not dicts are dropped, a value that is not a list reads as ``[]``."""
    return _Codec(lambda v: [model.from_json(x) for x in v if isinstance(x, dict)] if isinstance(v, list) else [])


#: A path step: a wire key, or (first step only) a function of the whole object evaluated once per read.
_Step = str | Callable[[dict[str, Any]], dict[str, Any]]


def wire(
    *path: _Step,
    codec: _Codec = _TEXT,
    alt: tuple[_Step, ...] = (),
    missing: object = None,
    write: bool = True,
    unless: str | None = None,
    default: Any = MISSING,
    default_factory: Any = MISSING,
) -> Any:
    """A model field read from ``path`` (nested keys) with ``codec``.

    ``alt``: a second path, read when the first yields nothing; ``missing``: the value instead of ``None``; ``write``:
    part of ``to_json``; ``unless``: not written when that field is set. ``default``/``default_factory`` as for
    :func:`dataclasses.field`.
    """
    paths = (path, alt) if alt else (path,)
    metadata = {"paths": paths, "codec": codec, "missing": missing, "write": write, "unless": unless}
    return field(default=default, default_factory=default_factory, metadata=metadata)


@dataclass(frozen=True, slots=True)
class _Reader:
    """One field's reading, worked out once per class: the codec's reader, its paths, its ``missing`` value."""

    name: str
    read: Callable[[Any], Any]
    paths: tuple[tuple[_Step, ...], ...]
    missing: object

    @classmethod
    def of(cls, model: type, spec: Field[Any]) -> _Reader:
        """The reader of a ``wire`` field; refuses a path it cannot follow (a function anywhere but first)."""
        for path in spec.metadata["paths"]:
            if any(not isinstance(step, str) for step in path[1:]):
                raise TypeError(f"{model.__name__}.{spec.name}: a function can only be the first step of a wire path")
        return cls(spec.name, spec.metadata["codec"].read, spec.metadata["paths"], spec.metadata["missing"])

    def value(self, data: dict[str, Any], located: dict[Callable[..., Any], Any]) -> Any:
        """The field's value: the codec over its path, else over its ``alt`` path, else the ``missing`` value."""
        value = None
        for path in self.paths:
            value = self.read(_at(data, path, located))
            if value:
                break
        return self.missing if value is None and self.missing is not None else value


def _at(data: dict[str, Any], path: tuple[_Step, ...], located: dict[Callable[..., Any], Any]) -> Any:
    """The wire value at ``path`` in ``data``; a function step (first only) is computed once per read."""
    first = path[0]
    if isinstance(first, str):
        value: Any = data.get(first)
    elif first in located:
        value = located[first]
    else:
        value = located[first] = first(data)
    for key in path[1:]:
        value = value.get(key) if isinstance(value, dict) else None  # keys only: see _Reader.of
    return value


@dataclass_transform(frozen_default=True, field_specifiers=(field, wire))
class _Model:
    """Base of the wire models: every subclass is a frozen dataclass with a ``raw`` field, read by its ``wire``s."""

    __dataclass_fields__: ClassVar[dict[str, Any]]
    _readers: ClassVar[tuple[_Reader, ...]]

    def __init_subclass__(cls) -> None:
        dataclass(frozen=True)(cls)
        cls._readers = tuple(_Reader.of(cls, spec) for spec in fields(cls) if "paths" in spec.metadata)

    @classmethod
    def from_json(cls, data: object) -> Self:
        """The model of a wire object (anything but a dict reads as ``{}``), following its fields' ``wire``."""
        data = data if isinstance(data, dict) else {}
        located: dict[Callable[..., Any], Any] = {}
        values = {reader.name: reader.value(data, located) for reader in cls._readers}
        return cls(**values, raw=data)  # type: ignore[call-arg]  # every subclass has ``raw``; the base has no fields


def _to_json(model: _Model) -> dict[str, Any]:
    """The wire form of ``model``'s writable fields (single plain-key paths); ``None`` fields are omitted."""
    out: dict[str, Any] = {}
    for spec in fields(model):
        meta = spec.metadata
        value = getattr(model, spec.name)
        if not meta.get("write") or value is None or (meta["unless"] and getattr(model, meta["unless"]) is not None):
            continue
        (path,) = meta["paths"]
        if not all(isinstance(step, str) for step in path):
            raise TypeError(f"{type(model).__name__}.{spec.name}: only a path of keys can be written")
        target = out
        for key in path[:-1]:
            target = target.setdefault(key, {})
        target[path[-1]] = meta["codec"].write(value)
    return out


def _raw() -> Any:
    return field(default_factory=dict, repr=False)


class Media(_Model):
    type: str | None = wire("type")
    url: str | None = wire("url")
    raw: dict[str, Any] = _raw()


def _content(data: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """Find the per-channel content object of an item (gap 9): a known key first, else any non-envelope dict."""
    for key in gaps.ITEM_CONTENT_KEYS:
        if isinstance(data.get(key), dict):
            return key, data[key]
    for key, value in data.items():
        if key not in gaps.ITEM_ENVELOPE_KEYS and isinstance(value, dict):
            return key, value
    return None, {}


def _item_content(data: dict[str, Any]) -> dict[str, Any]:
    """An item's content object (``body``) and the key it was found under (``key``), looked up once per item."""
    key, body = _content(data)
    return {"key": key, "body": body}


def _channel_name(value: object) -> Channel | str | None:
    """An item's ``channel``: an object with a name (gap 9) or, in older shapes, the name itself."""
    return _enum_value(Channel, value.get(gaps.ITEM_CHANNEL_NAME_FIELD) if isinstance(value, dict) else value)


_CHANNEL_NAME = _Codec(_channel_name)


class PostItem(_Model):
    """A post (Publisher item) of a marketing activity."""

    id: str = wire("id", missing="")
    channel: Channel | str | None = wire("channel", codec=_CHANNEL_NAME)
    account_id: str | None = wire("channel", gaps.ITEM_CHANNEL_ACCOUNT_FIELD)
    type: str | None = wire("type")
    status: ItemStatus | str | None = wire("status", codec=_enum(ItemStatus))
    caption: str | None = wire(_item_content, "body", gaps.ITEM_CAPTION_FIELD)
    media: list[Media] = wire(
        _item_content, "body", gaps.ITEM_MEDIA_WRAPPER_FIELD, gaps.ITEM_MEDIA_LIST_FIELD, codec=_many(Media)
    )
    scheduled_date: datetime | None = wire(gaps.ITEM_SCHEDULED_DATE_FIELD, codec=_INSTANT)
    content_key: str | None = wire(_item_content, "key")
    raw: dict[str, Any] = _raw()

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


class MarketingActivity(_Model):
    """An activity from a plan (``marketingActivityId``, ``date``) or the activity service (``id``, ``targetDate``)."""

    id: str = wire(gaps.PLAN_ACTIVITY_ID_FIELD, alt=("id",), missing="")
    date: datetime | None = wire(gaps.PLAN_ACTIVITY_DATE_FIELD, alt=(gaps.ACTIVITY_TARGET_DATE_FIELD,), codec=_INSTANT)
    title: str | None = wire("title")
    description: str | None = wire("description")
    type: ActivityType | str | None = wire(gaps.ACTIVITY_TYPE_FIELD, codec=_enum(ActivityType))
    items: list[PostItem] = wire("items", codec=_many(PostItem))
    raw: dict[str, Any] = _raw()


class MarketingPlan(_Model):
    status: PlanStatus | str = wire(gaps.PLAN_STATUS_FIELD, codec=_enum(PlanStatus), missing=UNKNOWN_STATUS)
    activities: list[MarketingActivity] = wire(gaps.PLAN_ACTIVITIES_FIELD, codec=_many(MarketingActivity))
    raw: dict[str, Any] = _raw()

    @property
    def items(self) -> list[PostItem]:
        """All post items of all activities, in activity order."""
        return [item for activity in self.activities for item in activity.items]


class ActivityPosts(_Model):
    activity_id: str = wire(gaps.PLAN_ACTIVITY_ID_FIELD, alt=("id",), missing="")
    items: list[PostItem] = wire("items", codec=_many(PostItem))
    raw: dict[str, Any] = _raw()


class ScheduledItem(_Model):
    id: str = wire("id", missing="")
    status: ItemStatus | str | None = wire("status", codec=_enum(ItemStatus))
    channel: Channel | str | None = wire("channel", codec=_CHANNEL_NAME)
    raw: dict[str, Any] = _raw()


class RecurringRule(_Model):
    """Recurrence of a calendar event (fields other than ``frequency``: gap 24)."""

    frequency: RecurrenceFrequency | str | None = wire(gaps.RULE_FREQUENCY_FIELD, codec=_enum(RecurrenceFrequency))
    start_date: datetime | None = wire(gaps.RULE_START_FIELD, codec=_INSTANT, default=None)
    end_date: datetime | None = wire(gaps.RULE_END_FIELD, codec=_INSTANT, default=None)
    raw: dict[str, Any] = _raw()

    def to_json(self) -> dict[str, Any]:
        return _to_json(self)


def _occurrences(value: object) -> list[datetime]:
    dates = (parse_datetime(_dict(o).get(gaps.OCCURRENCE_DATE_FIELD)) for o in _list(value))
    return [d for d in dates if d is not None]


class CalendarEvent(_Model):
    """A calendar event: one-time (``date``) or recurring (``recurring_rule``)."""

    id: str | None = wire("id", write=False, default=None)
    name: str | None = wire("name", default=None)
    description: str | None = wire("description", default=None)
    date: datetime | None = wire("date", codec=_INSTANT, unless="recurring_rule", default=None)
    recurring_rule: RecurringRule | None = wire("recurringRule", codec=_one(RecurringRule), default=None)
    calendar_id: str | None = wire("calendarId", write=False, default=None)
    read_only: bool = wire(gaps.EVENT_READ_ONLY_FIELD, codec=_Codec(lambda v: v is True), write=False, default=False)
    occurrences: list[datetime] = wire(
        gaps.EVENT_OCCURRENCES_FIELD, codec=_Codec(_occurrences), write=False, default_factory=list
    )
    raw: dict[str, Any] = _raw()

    @property
    def is_recurring(self) -> bool:
        return self.recurring_rule is not None

    def to_json(self) -> dict[str, Any]:
        """Writable fields only: name, description, and either recurringRule or date."""
        return _to_json(self)


class Frequency(_Model):
    interval: FrequencyInterval | str | None = wire("interval", codec=_enum(FrequencyInterval))
    count: int | None = wire("count", codec=_INTEGER)
    raw: dict[str, Any] = _raw()

    def to_json(self) -> dict[str, Any]:
        return _to_json(self)


class BusinessProfile(_Model):
    value_proposition: str | None = wire("valueProposition", default=None)
    target_audience: str | None = wire("targetAudience", default=None)
    business_goal: str | None = wire("businessGoal", default=None)
    raw: dict[str, Any] = _raw()

    def to_json(self) -> dict[str, Any]:
        return _to_json(self)


_LOCATION = _Codec(lambda v: v if isinstance(v, dict | str) else None)


class Settings(_Model):
    """Marketing settings (field names and shapes: gap 26)."""

    goal_key: PlanGoal | str | None = wire(
        gaps.SETTINGS_GOAL_FIELD, gaps.SETTINGS_GOAL_KEY_FIELD, codec=_enum(PlanGoal), default=None
    )
    custom_goal: str | None = wire(
        gaps.SETTINGS_GOAL_FIELD, gaps.SETTINGS_CUSTOM_GOAL_FIELD, unless="goal_key", default=None
    )
    social_channels: list[Channel | str] | None = wire("socialChannels", codec=_enums(Channel), default=None)
    marketing_tools: list[MarketingTool | str] | None = wire(
        "marketingTools", codec=_enums(MarketingTool), default=None
    )
    point_of_view: PointOfView | str | None = wire("pointOfView", codec=_enum(PointOfView), default=None)
    tone_of_voice: str | None = wire("toneOfVoice", default=None)
    custom_content_guidelines: str | None = wire("customContentGuidelines", default=None)
    image_guidelines: str | None = wire("imageGuidelines", default=None)
    frequency: Frequency | None = wire("frequency", codec=_one(Frequency), default=None)
    topics_included: list[str] | None = wire(gaps.SETTINGS_TOPICS_FIELD, "included", codec=_TEXTS, default=None)
    topics_excluded: list[str] | None = wire(gaps.SETTINGS_TOPICS_FIELD, "excluded", codec=_TEXTS, default=None)
    business_profile: BusinessProfile | None = wire("businessProfile", codec=_one(BusinessProfile), default=None)
    calendar_ids: list[str] | None = wire(
        gaps.SETTINGS_CALENDAR_FIELD, gaps.SETTINGS_CALENDAR_IDS_FIELD, codec=_TEXTS, default=None
    )
    language: str | None = wire("language", write=False, default=None)
    business_location: dict[str, Any] | str | None = wire(
        "businessLocation", codec=_LOCATION, write=False, default=None
    )
    raw: dict[str, Any] = _raw()

    def to_json(self) -> dict[str, Any]:
        """CamelCase wire form of the writable fields; ``None`` fields are omitted."""
        return _to_json(self)


class MarketingSettings(_Model):
    id: str | None = wire("id")
    settings: Settings = wire("settings", codec=_Codec(Settings.from_json))
    overrides: dict[str, Any] = wire("overrides", codec=_OBJECT)
    created_at: datetime | None = wire("createdAt", codec=_INSTANT)
    updated_at: datetime | None = wire("updatedAt", codec=_INSTANT)
    raw: dict[str, Any] = _raw()


class GoalOption(_Model):
    key: PlanGoal | str = wire(gaps.GOAL_OPTION_KEY_FIELD, codec=_enum(PlanGoal), missing="")
    raw: dict[str, Any] = _raw()


class PointOfViewOption(_Model):
    key: PointOfView | str = wire(gaps.POINT_OF_VIEW_OPTION_FIELD, codec=_enum(PointOfView), missing="")
    raw: dict[str, Any] = _raw()


class CalendarOption(_Model):
    id: str = wire("id", missing="")
    name: str | None = wire(gaps.CALENDAR_OPTION_NAME_FIELD)
    raw: dict[str, Any] = _raw()


class Account(_Model):
    """A connected Publisher account (field names: gap 32)."""

    id: str | None = wire(gaps.ACCOUNT_ID_FIELD)
    channel: Channel | str | None = wire(gaps.ACCOUNT_CHANNEL_FIELD, codec=_enum(Channel))
    raw: dict[str, Any] = _raw()
