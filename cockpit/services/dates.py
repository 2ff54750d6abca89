"""Dates as people type them: tomorrow, +3, 2026-11-30 (within 2000-01-01 to 2100-12-31)."""

from __future__ import annotations

from datetime import date, timedelta

from cockpit.clock import EARLIEST, LATEST
from cockpit.domain.errors import ValidationError

_MOST_DAYS = (LATEST - EARLIEST).days  # an offset with more days can't stay in the calendar


def parse_when(text: str, today: date) -> date:
    """A date typed as YYYY-MM-DD, "tomorrow", "+N" or "+Nd" (days from today).

    The snooze command and the snooze dialog both read dates here: a date outside the
    calendar Cockpit works in (an offset of a billion days included) is refused by name.
    """
    cleaned = text.strip().lower()
    if cleaned in ("tomorrow", "tmr"):
        return _within(today + timedelta(days=1), text)
    if cleaned.startswith("+"):
        number = cleaned[1:].removesuffix("d").strip()
        if number.isascii() and number.isdigit():
            if len(number) > len(str(_MOST_DAYS)) or int(number) > _MOST_DAYS:
                raise _outside(text)
            return _within(today + timedelta(days=int(number)), text)
    try:
        day = date.fromisoformat(cleaned)
    except ValueError:
        raise ValidationError(
            f'"{text}" is not a date; use YYYY-MM-DD, tomorrow, or +N (days)', "date"
        ) from None
    return _within(day, text)


def _within(day: date, text: str) -> date:
    if not EARLIEST <= day <= LATEST:
        raise _outside(text)
    return day


def _outside(text: str) -> ValidationError:
    return ValidationError(
        f'"{text}" falls outside {EARLIEST.isoformat()} to {LATEST.isoformat()}; '
        "pick a date within them",
        "date",
    )
