"""Where Cockpit gets the time: a clock object, injected everywhere it is needed.

The domain never reads the clock; services ask the injected clock. Tests and
`--date` use a FixedClock, so every rule can be checked on any day.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Protocol

import pendulum


class Clock(Protocol):
    tz: str

    def now(self) -> datetime: ...

    def today(self) -> date: ...


class SystemClock:
    """The real time, in the user's zone."""

    def __init__(self, tz: str) -> None:
        self.tz = tz

    def now(self) -> datetime:
        return pendulum.now(self.tz)

    def today(self) -> date:
        return self.now().date()


class FixedClock:
    """A clock stopped at one instant; `advance` moves it (tests, `--date`)."""

    def __init__(self, at: datetime, tz: str) -> None:
        if at.tzinfo is None:
            raise ValueError("a fixed clock needs an aware datetime")
        self.tz = tz
        self._at = pendulum.instance(at).in_timezone(tz)

    @classmethod
    def on(cls, day: date, tz: str, at: time = time(9, 0)) -> FixedClock:
        """A clock at a time of day on a date, in a zone."""
        local = pendulum.datetime(day.year, day.month, day.day, at.hour, at.minute, tz=tz)
        return cls(local, tz)

    def now(self) -> datetime:
        return self._at

    def today(self) -> date:
        return self._at.date()

    def advance(self, **delta: float) -> None:
        self._at = self._at.add(**delta)  # type: ignore[arg-type]


class DateShiftedClock:
    """The real time of day, on another date (`cockpit --date D`): timers still run."""

    def __init__(self, day: date, tz: str) -> None:
        self.tz = tz
        real = pendulum.now(tz)
        self._shift = pendulum.datetime(day.year, day.month, day.day, tz=tz) - real.start_of("day")

    def now(self) -> datetime:
        return pendulum.now(self.tz) + self._shift

    def today(self) -> date:
        return self.now().date()
