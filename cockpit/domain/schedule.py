"""Schedules: when a process recurs, parsed from a short phrase.

A schedule is one of three kinds:

* calendar: the dates are fixed by the calendar, as an RFC 5545 RRULE ("every
  2 weeks on fri", "monthly on the last weekday", or a raw "RRULE:...");
* after done: the next date counts from the day the last run was done
  ("3 days after done");
* on demand: started by hand only.

`parse_schedule` turns a phrase into a `Schedule` whose `text` is the canonical
phrase, so that ``parse_schedule(s.text, s.tz) == s`` always holds.

Dates are local calendar dates in the schedule's zone (`tz`). All arithmetic is
done by dateutil.rrule on naive midnights (see `rrule_dates`), so daylight saving
time and zones can never move, skip or duplicate a date: a zone only decides which
calendar date "today" is for the owner, and that conversion happens outside this module.

The anchor (the process's start date) is the rule's DTSTART: no date falls
before it, "every 3 days" counts from it, "every 2 weeks on fri" counts weeks
from the anchor's week (weeks start on Monday), and the bare phrases "weekly",
"every 2 weeks", "monthly" and "yearly" take the anchor's weekday or day.

The phrase language itself (which phrases work, month ends, what a raw RRULE may
say) is in `schedule_phrases`; the dates of an RRULE from an anchor in `rrule_dates`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.relativedelta import relativedelta

from cockpit.domain.errors import ScheduleError, ValidationError
from cockpit.domain.rrule_dates import (
    dates_between,
    estimated_per_day,
    first_after,
    rule_parts,
    shortest_gap,
    value_count,
)
from cockpit.domain.schedule_phrases import (
    EXAMPLES,
    ON_DEMAND_PHRASES,
    checked_rrule,
    is_raw_rrule,
    normalized,
    read_after_done,
    read_calendar,
)
from cockpit.domain.text import control_characters

__all__ = ["EXAMPLES", "Schedule", "ScheduleKind", "parse_schedule", "stored_schedule"]


class ScheduleKind(StrEnum):
    CALENDAR = "calendar"  # dates fixed by the calendar (an RRULE)
    AFTER_DONE = "after_done"  # next date counts from when the last one was done
    ON_DEMAND = "on_demand"  # started by hand only


_UNIT_DAYS = {"days": 1, "weeks": 7, "months": 30}  # for period_days
_MAX_PHRASE = 200


@dataclass(frozen=True, slots=True)
class Schedule:
    text: str  # canonical phrase, e.g. "every 2 weeks on fri"
    kind: ScheduleKind
    rule: str = ""  # CALENDAR only: RRULE body without DTSTART
    every: int = 0  # AFTER_DONE only: amount
    unit: str = ""  # AFTER_DONE only: "days" | "weeks" | "months"
    tz: str = "UTC"  # IANA zone in which the dates are local calendar dates

    @property
    def recurring(self) -> bool:
        return self.kind is not ScheduleKind.ON_DEMAND

    @property
    def per_day(self) -> float:
        """Expected occurrences per day (estimated over 28 years for a raw RRULE)."""
        if self.kind is ScheduleKind.ON_DEMAND:
            return 0.0
        if self.kind is ScheduleKind.AFTER_DONE:
            days = {"days": 1.0, "weeks": 7.0, "months": 365.25 / 12}[self.unit]
            return 1.0 / (self.every * days)
        if self._literal:
            return estimated_per_day(self.rule)
        parts = rule_parts(self.rule)
        interval = int(parts.get("INTERVAL", "1"))
        freq = parts["FREQ"]
        if freq == "DAILY":
            return 1.0 / interval
        if freq == "WEEKLY":
            return value_count(parts, "BYDAY") / (7.0 * interval)
        if freq == "MONTHLY":
            return 12.0 / 365.25 / interval
        return value_count(parts, "BYMONTH") / 365.25 / interval

    @property
    def period_days(self) -> int:
        """The natural period for streaks and "on time".

        FREQ=DAILY: INTERVAL; WEEKLY: 7 * INTERVAL (weekdays too); MONTHLY: 30 *
        INTERVAL; YEARLY: 365 * INTERVAL divided by the number of BYMONTH months
        (quarterly: 91); after done: every * 1, 7 or 30; on demand: 0.
        """
        if self.kind is ScheduleKind.ON_DEMAND:
            return 0
        if self.kind is ScheduleKind.AFTER_DONE:
            return self.every * _UNIT_DAYS[self.unit]
        parts = rule_parts(self.rule)
        interval = int(parts.get("INTERVAL", "1"))
        per_freq = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 30}
        if parts["FREQ"] in per_freq:
            return per_freq[parts["FREQ"]] * interval
        return 365 * interval // value_count(parts, "BYMONTH")

    def dates_between(self, anchor: date, start: date, end: date) -> list[date]:
        """The dates from `start` through `end` (none before `anchor`), sorted."""
        if self.kind is not ScheduleKind.CALENDAR or end < start:
            return []
        return dates_between(self.rule, anchor, self._literal, max(start, anchor), end)

    def next_after(self, anchor: date, day: date) -> date | None:
        """The first date strictly after `day` (and not before `anchor`); None once ended."""
        if self.kind is not ScheduleKind.CALENDAR:
            return None
        return first_after(self.rule, anchor, self._literal, day)

    def next_after_done(self, done_on: date) -> date:
        """The next date of an after-done schedule (Jan 31 + 1 month = end of February)."""
        if self.kind is not ScheduleKind.AFTER_DONE:
            raise ValueError(f'"{self.text}" does not count from when it was done')
        if self.unit == "months":
            return done_on + relativedelta(months=self.every)
        return done_on + relativedelta(days=self.every * _UNIT_DAYS[self.unit])

    def largest_offset(self, anchor: date) -> int | None:
        """The latest a step may fall after its run's date and still be shown (None: any).

        A calendar run is closed as missed on the day the next one starts, so a step due
        that day or later is never shown: with runs as little as N days apart, the largest
        offset that works is N - 1 (0 for a daily process). Runs of the other kinds stay
        open until they are done, so any offset works for them.
        """
        if self.kind is not ScheduleKind.CALENDAR:
            return None
        gap = shortest_gap(self.rule, anchor, self._literal)
        return None if gap is None else gap - 1

    @property
    def _literal(self) -> bool:
        """A raw RRULE, taken as written (no anchor days filled in, no clamping)."""
        return self.text.startswith("RRULE:")


# -- parsing -----------------------------------------------------------------------------


def parse_schedule(text: str, tz: str = "UTC") -> Schedule:
    """The schedule a phrase describes; ScheduleError says what is wrong with it."""
    _check_zone(tz)
    # tabs and line breaks are spaces in a phrase (a pasted RRULE may span lines)
    if hidden := [c for c in control_characters(text) if c not in ("U+0009", "U+000A", "U+000D")]:
        raise ScheduleError(f"a schedule holds a control character ({hidden[0]})")
    if len(text) > _MAX_PHRASE:
        raise ScheduleError(f"a schedule is at most {_MAX_PHRASE} characters, not {len(text)}")
    phrase = normalized(text)
    if not phrase:
        raise ScheduleError(
            "a schedule is needed: say when the process recurs, e.g. "
            '"weekly on fri", "monthly on the 15th" or "on demand"'
        )
    if is_raw_rrule(phrase):
        body = checked_rrule(text)
        return Schedule(f"RRULE:{body}", ScheduleKind.CALENDAR, rule=body, tz=tz)
    if phrase in ON_DEMAND_PHRASES:
        return Schedule("on demand", ScheduleKind.ON_DEMAND, tz=tz)
    if after_done := read_after_done(phrase):
        canonical, every, unit = after_done
        return Schedule(canonical, ScheduleKind.AFTER_DONE, every=every, unit=unit, tz=tz)
    found = read_calendar(phrase)
    if found is None:
        # " · " between the phrases: some of them hold commas ("every mon, thu")
        raise ScheduleError(
            f'unknown schedule "{text.strip()}"; phrases that work: ' + " · ".join(EXAMPLES)
        )
    canonical, rule = found
    return Schedule(canonical, ScheduleKind.CALENDAR, rule=rule, tz=tz)


@lru_cache(maxsize=1024)
def stored_schedule(
    text: str, kind: str, rule: str = "", every: int = 0, unit: str = "", tz: str = "UTC"
) -> Schedule:
    """A schedule read back from a file, re-parsed by the phrase parser and checked against it.

    The stored rule must itself be one Cockpit accepts (no FREQ=SECONDLY), the phrase must
    parse, and kind, rule, amount and unit must be what the phrase says: a file cannot show
    one phrase while another rule schedules. ValidationError names the field (`rule`,
    `text`...); a phrase written in other words than the canonical ones is accepted.
    """
    try:
        _check_zone(tz)
    except ScheduleError as error:
        raise ValidationError(str(error), "tz") from None
    if kind == ScheduleKind.CALENDAR and rule:
        try:
            checked_rrule(rule)
        except ScheduleError as error:
            raise ValidationError(str(error), "rule") from None
    try:
        parsed = parse_schedule(text, tz)
    except ScheduleError as error:
        raise ValidationError(str(error), "text") from None
    stored = {"kind": kind, "rule": rule, "every": every, "unit": unit}
    for name, value in stored.items():
        meant = getattr(parsed, name)
        meant = meant.value if isinstance(meant, ScheduleKind) else meant
        if value != meant:
            raise ValidationError(
                f'{value!r} does not match the phrase "{parsed.text}", which means {meant!r}', name
            )
    return parsed


def _check_zone(tz: str) -> None:
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as error:
        raise ScheduleError(
            f'unknown time zone "{tz}"; use an IANA name like "Europe/Berlin"'
        ) from error
