"""The result table: one row per measurement, its budget beside it, PASS / MISS (or info when it has no budget)."""

from __future__ import annotations

from dataclasses import dataclass, field

PASS, MISS, INFO = "PASS", "MISS", "info"


@dataclass(frozen=True)
class Row:
    """One measured line of the table; `notes` are printed under the table (method, where the time goes)."""

    key: str
    what: str
    value: str
    budget: str = "-"
    verdict: str = INFO
    notes: tuple[str, ...] = field(default_factory=tuple)


def judged(key: str, what: str, value: str, budget: str, ok: bool, *notes: str) -> Row:
    """A row with a budget: PASS when `ok`, else MISS."""
    return Row(key, what, value, budget, PASS if ok else MISS, notes)


def info(key: str, what: str, value: str, *notes: str) -> Row:
    """A row without a budget."""
    return Row(key, what, value, "-", INFO, notes)


def render(rows: list[Row]) -> str:
    """The table as fixed-width text, then the numbered notes."""
    header = ("#", "measurement", "measured", "budget", "result")
    cells = [header, *((r.key, r.what, r.value, r.budget, r.verdict) for r in rows)]
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    lines = ["  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)).rstrip() for line in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))
    notes = [f"[{r.key}] {note}" for r in rows for note in r.notes]
    return "\n".join([*lines, "", *notes]) if notes else "\n".join(lines)


def missed(rows: list[Row]) -> list[Row]:
    """The rows whose budget was missed."""
    return [r for r in rows if r.verdict == MISS]
