"""Start-time options of the sandbox (also exported by `lib.sandbox.server`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from lib.sandbox import clock, gaps

SCENARIOS = ("fresh", "demo", "large", "no-premium")
FAULT_KINDS = ("429", "500", "503", "slow", "malformed", "unknown-enum", "missing-fields")
PROGRESSIONS = ("time", "reads", "manual")


@dataclass
class SandboxOptions:
    """Everything chosen when the sandbox starts.

    `near_term` is how far generation makes posts: "end-of-next-week" (default, gap 16), "end-of-this-week",
    "<N>d" (N days after today, inclusive), "all" or "none".

    `progression` is when a plan generation or a post job finishes (after moto's state manager): "time" (default)
    after `generation_seconds` / `post_seconds` of wall-clock time, so polling is visible; "reads" on the next read
    that shows its result (GetSocialMarketingPlan for a generation; that or GetMarketingActivityPosts of its
    activity for a post job); "manual" only when `POST /_sandbox/sites/{id}/complete-jobs` is called (which finishes
    the pending jobs in every progression).
    """

    db_path: str = "var/sandbox.db"
    scenario: str = "demo"
    generation_seconds: float = 3.0
    post_seconds: float = 2.0
    progression: str = "time"
    near_term: str = gaps.NEAR_TERM_DEFAULT
    large_activities: int = 300
    large_items: int = 3000
    large_events: int = 200
    fault_rate: float = 0.0
    fault_kinds: tuple[str, ...] = FAULT_KINDS
    slow_seconds: float = 2.0
    retry_after_seconds: float = 1.0
    fault_seed: int = 0
    forbidden_keys: frozenset[str] = frozenset()
    # site id -> the only Authorization value accepted for it (keys work only for sites of their own account,
    # reference section 6); sites not listed accept any key
    site_keys: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.scenario not in SCENARIOS:
            raise ValueError(f"unknown scenario {self.scenario!r}; choose one of {', '.join(SCENARIOS)}")
        if self.progression not in PROGRESSIONS:
            raise ValueError(f"unknown progression {self.progression!r}; choose one of {', '.join(PROGRESSIONS)}")
        self.fault_kinds = tuple(self.fault_kinds)
        unknown = [kind for kind in self.fault_kinds if kind not in FAULT_KINDS]
        if unknown:
            raise ValueError(f"unknown fault kinds {unknown}; choose from {', '.join(FAULT_KINDS)}")
        if not 0.0 <= self.fault_rate <= 1.0:
            raise ValueError("fault_rate must be between 0 and 1")
        if min(self.large_activities, self.large_items, self.large_events) < 0:
            raise ValueError("large_* sizes must not be negative")
        clock.near_term_end(self.near_term, clock.now())  # raises ValueError on a bad spec
        self.forbidden_keys = frozenset(self.forbidden_keys)
