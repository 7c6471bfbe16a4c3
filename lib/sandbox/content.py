"""Deterministic post content from templates (no language model): titles, descriptions, captions, tiny SVG images.

Every choice comes from a `random.Random` seeded with a string (site, generation, activity, revision), so the same
seed always gives the same text.
"""

from __future__ import annotations

import random
import re

from lib.sandbox.marketing_settings import Profile

PALETTE = ("#E4572E", "#17BEBB", "#D4A017", "#2E86AB", "#76B041", "#A23B72", "#F18F01", "#5C6BC0")

TOPIC_POOL = (
    "new arrivals",
    "behind the scenes",
    "customer stories",
    "tips and how-tos",
    "seasonal favourites",
    "meet the team",
    "weekend specials",
    "community news",
)

_TITLES = {
    "BOOST_SALES": ("This week's pick: {topic}", "Limited offer on {topic}", "Why customers love {topic}"),
    "DRIVE_TRAFFIC": ("New on the site: {topic}", "Five things to know about {topic}", "A closer look at {topic}"),
    "BRAND_AWARENESS": ("Our story: {topic}", "Why we care about {topic}", "Spotlight on {topic}"),
    "COLLECT_LEADS": ("Free guide: {topic}", "Early access to {topic}", "Ask us anything about {topic}"),
    "CUSTOM": ("{Topic}, one step closer to our goal", "{Topic} with a purpose", "Spotlight on {topic}"),
}
_EMAIL_TITLES = ("Newsletter: {topic} roundup", "Inbox exclusive: {topic}", "Monthly update on {topic}")
_BLOG_TITLES = ("Blog: a guide to {topic}", "Blog: what we learned about {topic}", "Blog: {topic} explained")

_GOAL_PHRASES = {
    "BOOST_SALES": "boost sales",
    "DRIVE_TRAFFIC": "drive traffic to the site",
    "BRAND_AWARENESS": "build brand awareness",
    "COLLECT_LEADS": "collect leads",
}
_CALLS_TO_ACTION = {
    "BOOST_SALES": ("Shop the collection today", "Grab yours before they're gone", "Treat yourself this week"),
    "DRIVE_TRAFFIC": ("Read the full story on our website", "Tap the link to learn more", "Visit our site for details"),
    "BRAND_AWARENESS": ("Follow along for more", "Share this with a friend who'd love it", "Tell us what you think"),
    "COLLECT_LEADS": (
        "Sign up to our newsletter for early access",
        "Join our list to hear first",
        "Get the free guide",
    ),
}
_OPENERS = {
    "FIRST_PERSON": (
        "We're excited to share this: {title}{end}",
        "Our team has been busy with {topic}, and we can't wait to show you{end}",
        "We made this one with you in mind: {title}{end}",
    ),
    "SECOND_PERSON": (
        "You asked, we listened: {title}{end}",
        "Looking for {topic}? You're in the right place{end}",
        "You'll love this one: {title}{end}",
    ),
    "THIRD_PERSON": (
        "The studio presents: {title}{end}",
        "The studio team has been busy with {topic}{end}",
        "Fans of {topic} have a reason to smile{end}",
    ),
}
_POV_PHRASES = {"FIRST_PERSON": "first person", "SECOND_PERSON": "second person", "THIRD_PERSON": "third person"}
# tone keyword -> (emoji, sentence end); the first keyword found in toneOfVoice wins
_TONE_STYLES = (
    ("playful", "✨", "!"),
    ("fun", "🎉", "!"),
    ("warm", "💛", "."),
    ("friendly", "😊", "!"),
    ("bold", "🔥", "!"),
    ("energetic", "⚡", "!"),
    ("calm", "🌿", "."),
    ("professional", "", "."),
    ("formal", "", "."),
)
_CHANNEL_EXTRAS = {
    "INSTAGRAM": "Link in bio.",
    "FACEBOOK": "What would you pick? Tell us in the comments.",
    "LINKEDIN": "",
    "PINTEREST": "Save this pin for later.",
    "GBP": "Visit us this week.",
    "TIKTOK": "",
    "TWITTER": "",
}
_HASHTAG_CHANNELS = ("INSTAGRAM", "TIKTOK", "TWITTER", "PINTEREST", "LINKEDIN")
_NO_EMOJI_CHANNELS = ("LINKEDIN", "GBP")
_TWITTER_MAX = 280


def rng(*parts: object) -> random.Random:
    """A generator seeded by the parts (string seeds are stable across runs and processes)."""
    return random.Random("|".join(str(part) for part in parts))


def activity_title(activity_type: str, topic: str, profile: Profile, seed: str) -> str:
    """Title of a planned activity."""
    if activity_type == "EMAIL_MARKETING":
        templates = _EMAIL_TITLES
    elif activity_type == "BLOG":
        templates = _BLOG_TITLES
    else:
        templates = _TITLES.get(profile.goal_key or "", _TITLES["CUSTOM"])
    return rng(seed, "title").choice(templates).format(topic=topic, Topic=_capitalize(topic))


def activity_description(activity_type: str, topic: str, profile: Profile, event_note: str = "") -> str:
    """Description of a planned activity: what, why, in which voice."""
    kind = {"EMAIL_MARKETING": "Email campaign", "BLOG": "Blog post"}.get(activity_type, "Social campaign")
    tone = profile.tone or "friendly"
    voice = _POV_PHRASES.get(profile.point_of_view, "first person")
    parts = [f"{kind} about {topic}.", f"Goal: {goal_phrase(profile)}.", f"Voice: {tone}, written in {voice}."]
    if event_note:
        parts.append(event_note)
    return " ".join(parts)


def goal_phrase(profile: Profile) -> str:
    """The plan goal in words."""
    if profile.custom_goal:
        return profile.custom_goal
    return _GOAL_PHRASES.get(profile.goal_key or "", "build brand awareness")


def caption(channel: str, title: str, topic: str, profile: Profile, seed: str) -> str:
    """A post caption for one channel: point-of-view opener, the goal's call to action, tone, topic hashtags."""
    pick = rng(seed, channel, "caption")
    emoji, end = _tone_style(profile.tone)
    if channel in _NO_EMOJI_CHANNELS:
        emoji, end = "", "."
    opener = pick.choice(_OPENERS.get(profile.point_of_view, _OPENERS["FIRST_PERSON"])).format(
        title=title, topic=topic, end=end
    )
    cta = _call_to_action(profile, pick) + end
    words = [opener, cta]
    extra = _CHANNEL_EXTRAS.get(channel, "")
    if extra:
        words.append(extra)
    if emoji:
        words.append(emoji)
    if channel in _HASHTAG_CHANNELS:
        tags = _hashtags(topic, profile)
        words.append(" ".join(tags[:1] if channel == "LINKEDIN" else tags))
    text = " ".join(words)
    if channel == "TWITTER" and len(text) > _TWITTER_MAX:
        text = text[: _TWITTER_MAX - 1].rstrip() + "…"
    return text


def story_caption(title: str, profile: Profile, seed: str) -> str:
    """Short text of an Instagram story."""
    emoji, end = _tone_style(profile.tone)
    closing = rng(seed, "story").choice(("Tap to see more", "Swipe up for details", "Don't miss it"))
    return f"{title}{end} {closing} {emoji}".strip()


def image_url(word: str, seed: str, variant: int = 0) -> str:
    """A tiny inline SVG (data URI, < 300 bytes): a coloured square with one word from the activity.

    Consecutive `variant`s (revisions of one activity's media) always get different colours.
    """
    base = rng(seed, "colour").randrange(len(PALETTE))
    colour = PALETTE[(base + variant) % len(PALETTE)].replace("#", "%23")
    label = re.sub(r"[^A-Za-z0-9]", "", word)[:12] or "Post"
    return (
        "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='400' height='400'>"
        f"<rect width='400' height='400' fill='{colour}'/><text x='200' y='215' font-family='sans-serif' "
        f"font-size='44' fill='white' text-anchor='middle'>{label}</text></svg>"
    )


def image_word(topic: str) -> str:
    """The word shown on an activity's image: the topic's longest word, capitalised."""
    words = re.findall(r"[A-Za-z0-9]+", topic)
    return _capitalize(max(words, key=len)) if words else "Post"


def _tone_style(tone: str) -> tuple[str, str]:
    lowered = tone.lower()
    found = [(lowered.find(keyword), emoji, end) for keyword, emoji, end in _TONE_STYLES if keyword in lowered]
    if not found:
        return "", "."
    _, emoji, end = min(found)
    return emoji, end


def _call_to_action(profile: Profile, pick: random.Random) -> str:
    if profile.custom_goal:
        return f"Help us {profile.custom_goal[:1].lower()}{profile.custom_goal[1:].rstrip('.!')}"
    return pick.choice(_CALLS_TO_ACTION.get(profile.goal_key or "", _CALLS_TO_ACTION["BRAND_AWARENESS"]))


def _hashtags(topic: str, profile: Profile) -> list[str]:
    tags = []
    for text in (topic, *profile.topics_included):
        tag = "#" + "".join(_capitalize(word) for word in re.findall(r"[A-Za-z0-9]+", text))
        if len(tag) > 1 and tag not in tags:
            tags.append(tag)
    return tags[:4]


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]
