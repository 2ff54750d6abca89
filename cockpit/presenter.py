"""Texts both front ends show the same way: the app's Routines view and the command line's
`routines` and `review` say a share and draw a bar alike; the day's lists say a duration
as the timeline does ("3h20", "45m").

Plain strings, no terminal library: the app and the command line each style them.
"""

from __future__ import annotations

from datetime import date

from cockpit.domain.day_clock import duration_text as minutes_text

__all__ = ["KIND_LABELS", "TREND_MARKS", "bar", "minutes_text", "pct", "trend_text"]

# by SignalKind's values (a StrEnum: its members find these), so no domain module loads here
KIND_LABELS = {
    "needs_a_system": "Needs a system",
    "slipping_process": "Slipping process",
    "role_under_water": "Role under water",
}
TREND_MARKS = {"up": "↑", "down": "↓", "flat": "→", "": "-"}


def pct(value: float) -> str:
    """A share as a whole percentage: 0.857 -> "86 %"."""
    return f"{round(value * 100)} %"


def bar(done: int, due: int, width: int = 20) -> str:
    """`done` of `due` as a bar `width` cells wide, filled then empty."""
    filled = round(width * done / due) if due else 0
    return "█" * filled + "░" * (width - filled)


def trend_text(trend: str, better: bool | None) -> str:
    """A KPI's trend over the quarter: "↑ better", "↓ worse", "→", "-" (no values)."""
    said = "" if better is None else " better" if better else " worse"
    return TREND_MARKS.get(trend, "-") + said


def weeks_span(start: date, end: date) -> str:
    """`Mon 28 Sep 2026 – Sun 03 Jan 2027`, `Mon 04 Jan – Sun 28 Mar 2027`: the first day's
    year said only when it is not the last's."""
    first = f"{start:%a %d %b %Y}" if start.year != end.year else f"{start:%a %d %b}"
    return f"{first} – {end:%a %d %b %Y}"
