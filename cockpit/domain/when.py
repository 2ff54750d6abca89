"""Days as people type them: today, tomorrow, fri, +3, +2w, 2026-12-04.

One reading for every place a day is typed (a task's due date, a snooze), so `fri` means
the same day everywhere: the next Friday after today (on a Friday, the one a week on).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from cockpit.domain.errors import ValidationError
from cockpit.domain.model import FIRST_DAY, LAST_DAY

_FULL = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_OFFSET = re.compile(r"\+([0-9]+)([dw]?)")  # ASCII digits only: int() reads "٣" too
_MOST_DAYS = (LAST_DAY - FIRST_DAY).days
WORDS_HELP = "YYYY-MM-DD, today, tomorrow, a weekday (fri), or +N days (+3, +2w)"


def _weekday(word: str) -> int | None:
    for number, full in enumerate(_FULL):
        if len(word) >= 3 and full.startswith(word):  # fri, frid, friday
            return number
    return None


def day_from_words(text: str, today: date) -> date | None:
    """The day the words mean, or None when they are not a day at all (so a caller can
    take them as something else). A day outside 2000-01-01..2100-12-31 is refused."""
    word = text.strip().lower()
    day: date | None = None
    if word in ("today", "tod"):
        day = today
    elif word in ("tomorrow", "tmr", "tom"):
        day = today + timedelta(days=1)
    elif (weekday := _weekday(word)) is not None:
        day = today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    elif match := _OFFSET.fullmatch(word):
        if len(match[1]) > len(str(_MOST_DAYS)):  # no int() of 5,000 digits
            raise _outside(text)
        days = int(match[1]) * (7 if match[2] == "w" else 1)
        if days > _MOST_DAYS:
            raise _outside(text)
        day = today + timedelta(days=days)
    elif re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", word):
        try:
            day = date.fromisoformat(word)
        except ValueError:
            raise ValidationError(f'"{text}" is not a date of the calendar', "date") from None
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise _outside(text)
    return day


def parse_day(text: str, today: date) -> date:
    """The day typed, or a ValidationError that says what can be typed."""
    day = day_from_words(text, today)
    if day is None:
        raise ValidationError(f'"{text}" is not a date; use {WORDS_HELP}', "date")
    return day


def _outside(text: str) -> ValidationError:
    return ValidationError(
        f'"{text}" falls outside {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}; '
        "pick a date within them",
        "date",
    )
