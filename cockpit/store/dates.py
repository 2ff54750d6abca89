"""Stored dates and instants: their one written form, and the range Cockpit counts in.

A date is `YYYY-MM-DD`; an instant is UTC to the second, `YYYY-MM-DDTHH:MM:SS+00:00`
(what `codec.instant` writes). Both fall between 2000-01-01 and 2100-12-31. The one
form matters beyond looks: the store compares dates and instants as text, which only
orders them right in this form.

A data file holds tens of thousands of instants, and every one is checked on each
opening, so the checks work on the distinct parts: an instant is its date (checked
once per distinct day) and its time of day (once per distinct time). Answers are
kept, so a later opening pays only for days and times it has not seen.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from operator import itemgetter

from cockpit.domain.model import FIRST_DAY, LAST_DAY
from cockpit.store.schema_errors import FieldError

_GOOD_DAYS: set[str] = set()  # at most the 36,890 days of 2000..2100
_GOOD_TIMES: set[str] = set()  # at most the 86,400 "THH:MM:SS+00:00" of a day
_DAY_PART, _TIME_PART = itemgetter(slice(0, 10)), itemgetter(slice(10, None))
_UTC_TAIL = "+00:00"
EXAMPLE_INSTANT = "2026-11-20T09:30:00+00:00"


def day_problem(text: str) -> str | None:
    """What is wrong with a stored date, in plain words (None: nothing)."""
    if text in _GOOD_DAYS:
        return None
    try:
        day = date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        day = None
    if day is None or day.isoformat() != text:
        return f"{text[:40]!r} is not a date written YYYY-MM-DD"
    if not FIRST_DAY <= day <= LAST_DAY:
        return f"{text} is outside {FIRST_DAY}..{LAST_DAY}"
    _GOOD_DAYS.add(text)
    return None


def instant_problem(text: str) -> str | None:
    """What is wrong with a stored instant, in plain words (None: nothing)."""
    if len(text) != len(EXAMPLE_INSTANT) or text[10] != "T":
        return _not_an_instant(text)
    if problem := day_problem(text[:10]):
        return problem
    return None if _good_time(text[10:]) else _not_an_instant(text)


def all_days(texts: Iterable[str]) -> bool:
    """Whether every distinct date in `texts` is good (a set is the fastest to pass)."""
    unseen = set(texts) - _GOOD_DAYS
    return all(day_problem(text) is None for text in unseen)


def all_instants(texts: list[str]) -> bool:
    """Whether every instant in `texts` is good, checked by its distinct days and times."""
    if not texts:
        return True
    if not all_days(map(_DAY_PART, texts)):
        return False
    unseen = set(map(_TIME_PART, texts)) - _GOOD_TIMES
    return all(_good_time(part) for part in unseen)


def _good_time(part: str) -> bool:
    """`THH:MM:SS+00:00`: a time of day to the second, in UTC."""
    if part in _GOOD_TIMES:
        return True
    if len(part) != 15 or part[0] != "T" or part[9:] != _UTC_TAIL:
        return False
    try:
        if time.fromisoformat(part[1:9]).isoformat() != part[1:9]:
            return False
    except ValueError:
        return False
    _GOOD_TIMES.add(part)
    return True


def _not_an_instant(text: str) -> str:
    return f"{text[:40]!r} is not an instant written like {EXAMPLE_INSTANT} (UTC, to the second)"


# -- read as the codec reads a record: a FieldError names the field ----------------------


def read_day(text: str) -> date:
    """A stored date: YYYY-MM-DD, from 2000-01-01 through 2100-12-31 (FieldError if not)."""
    problem = day_problem(text)
    if problem:
        raise FieldError([], problem)
    return date.fromisoformat(text)


def read_stamp(text: str | None) -> datetime | None:
    """A stored instant, checked like `read_day` (None stays None)."""
    if text is None:
        return None
    problem = instant_problem(text)
    if problem:
        raise FieldError([], problem)
    return datetime.fromisoformat(text)
