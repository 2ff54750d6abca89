"""Texts both front ends show the same way: the app's Routines view and the command line's
`routines` and `review` say a share and draw a bar alike; the day's lists say a duration
as the timeline does ("3h20", "45m").

Plain strings, no terminal library: the app and the command line each style them.
"""

from __future__ import annotations

from cockpit.domain.timeline import duration_text as minutes_text

__all__ = ["bar", "minutes_text", "pct"]


def pct(value: float) -> str:
    """A share as a whole percentage: 0.857 -> "86 %"."""
    return f"{round(value * 100)} %"


def bar(done: int, due: int, width: int = 20) -> str:
    """`done` of `due` as a bar `width` cells wide, filled then empty."""
    filled = round(width * done / due) if due else 0
    return "█" * filled + "░" * (width - filled)
