"""Times of day and durations as the day and its plan say them: 08:30, 1h20, 45m.

Apart from the timeline (which places steps in time blocks) because the day's list and the
command line need only these few words, not the timeline's machinery."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time


def minute_of(at: time) -> int:
    return at.hour * 60 + at.minute


def clock_text(minute: int) -> str:
    """08:30 for 510; 24:00 for the end of the day."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def duration_text(minutes: int) -> str:
    """3h20, 1h00, 45m."""
    hours, rest = divmod(minutes, 60)
    return f"{hours}h{rest:02d}" if hours else f"{rest}m"


def pins_of(raw: Mapping[str, str]) -> dict[str, time]:
    """The pins a plan holds (`{"412.2": "14:00"}`), those that read as a time."""
    pins: dict[str, time] = {}
    for key, text in raw.items():
        try:
            pins[key] = time.fromisoformat(text)
        except (TypeError, ValueError):
            continue
    return pins
