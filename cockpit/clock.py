"""Where Cockpit gets the time: a clock object, injected everywhere it is needed.

The domain never reads the clock; services ask the injected clock. Tests and
`--date` use a FixedClock, so every rule can be checked on any day.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

EARLIEST = date(2000, 1, 1)  # the calendar Cockpit works in: dates outside it are refused
LATEST = date(2100, 12, 31)


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def iso_day(text: str) -> date | None:
    """The date written as YYYY-MM-DD, or None: Python's `date.fromisoformat` also takes
    2026-W49 and 20261201, which would act on a day nobody wrote."""
    if not _ISO_DAY.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def outside_calendar(day: date, what: str) -> str | None:
    """Why `day` cannot be used (None: it can): before 2000 or after 2100."""
    if EARLIEST <= day <= LATEST:
        return None
    return f"{what} {day.isoformat()} is outside {EARLIEST.isoformat()} to {LATEST.isoformat()}"


def a_year_after(day: date) -> date:
    """The same date a year later (29 February: the 28th)."""
    if day.month == 2 and day.day == 29:
        return date(day.year + 1, 2, 28)
    return date(day.year + 1, day.month, day.day)


def simulated_date_problem(day: date, real_today: date, *, confirmed: bool) -> str | None:
    """Why `--date day` is refused (None: it is not): outside the calendar, or more than a
    year after the real date without `--yes` (a mistyped year would write years of runs)."""
    if problem := outside_calendar(day, "--date"):
        return problem
    if day > a_year_after(real_today) and not confirmed:
        return (
            f"--date {day.isoformat()} is more than a year after today "
            f"({real_today.isoformat()}); add --yes if you mean it"
        )
    return None


class Clock(Protocol):
    tz: str

    def now(self) -> datetime: ...

    def today(self) -> date: ...

    def real_today(self) -> date:
        """The real calendar's date, which `--date` does not move: backups and archives go by
        it (a fixed clock's date is the real one of a test or a bench run)."""
        ...


class SystemClock:
    """The real time, in the user's zone (zoneinfo: no heavy import on the CLI's path)."""

    def __init__(self, tz: str) -> None:
        self.tz = tz
        self._zone = ZoneInfo(tz)

    def now(self) -> datetime:
        return datetime.now(self._zone)

    def today(self) -> date:
        return self.now().date()

    def real_today(self) -> date:
        return self.today()


class FixedClock:
    """A clock stopped at one instant; `advance` moves it (tests, `--date`)."""

    def __init__(self, at: datetime, tz: str) -> None:
        import pendulum

        if at.tzinfo is None:
            raise ValueError("a fixed clock needs an aware datetime")
        self.tz = tz
        self._at = pendulum.instance(at).in_timezone(tz)

    @classmethod
    def on(cls, day: date, tz: str, at: time = time(9, 0)) -> FixedClock:
        """A clock at a time of day on a date, in a zone."""
        import pendulum

        local = pendulum.datetime(day.year, day.month, day.day, at.hour, at.minute, tz=tz)
        return cls(local, tz)

    def now(self) -> datetime:
        return self._at

    def today(self) -> date:
        at = self._at
        return date(at.year, at.month, at.day)  # a plain date: pendulum's arithmetic is slower

    def real_today(self) -> date:
        return self.today()

    def set(self, at: datetime) -> None:
        """Stop the clock at another instant."""
        self.__init__(at, self.tz)  # type: ignore[misc]

    def advance(self, **delta: float) -> None:
        self._at = self._at + timedelta(**delta)


class DateShiftedClock:
    """The real time of day, on another date (`cockpit --date D`): timers still run."""

    def __init__(self, day: date, tz: str) -> None:
        self.tz = tz
        self._zone = ZoneInfo(tz)
        self._shift = day - datetime.now(self._zone).date()

    def now(self) -> datetime:
        return datetime.now(self._zone) + self._shift

    def today(self) -> date:
        return self.now().date()

    def real_today(self) -> date:
        return datetime.now(self._zone).date()
