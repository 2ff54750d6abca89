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
done by dateutil.rrule on naive midnights, so daylight saving time and zones
can never move, skip or duplicate a date: a zone only decides which calendar
date "today" is for the owner, and that conversion happens outside this module.

The anchor (the process's start date) is the rule's DTSTART: no date falls
before it, "every 3 days" counts from it, "every 2 weeks on fri" counts weeks
from the anchor's week (weeks start on Monday), and the bare phrases "weekly",
"every 2 weeks", "monthly" and "yearly" take the anchor's weekday or day.

Month ends: a phrase naming the 29th, 30th or 31st falls on the last day of a
shorter month (an owner who invoices on the 31st still invoices in February):
"monthly on the 31st" is BYMONTHDAY=28,29,30,31;BYSETPOS=-1, and "yearly on
02-29" falls on Feb 28 in common years. Raw RRULEs are taken literally (RFC 5545
skips months without the day).

Cockpit schedules dates, not times: sub-daily RRULEs (FREQ=HOURLY..., BYHOUR,
BYMINUTE, BYSECOND) are refused.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrule, rrulestr

from cockpit.domain.errors import ScheduleError

# Phrases that work, shown in error messages and help. The 29th, 30th and 31st
# fall on the last day of shorter months; "yearly on 02-29" on Feb 28 in common years.
EXAMPLES: tuple[str, ...] = (
    "daily", "weekdays", "every mon, thu", "weekly on fri", "every 2 weeks on fri",
    "every 3 days", "monthly on the 15th", "monthly on the 31st", "monthly on the last day",
    "monthly on the last fri", "monthly on the 2nd tue", "monthly on the last weekday",
    "quarterly", "yearly on 01-31", "3 days after done", "on demand",
    "RRULE:FREQ=WEEKLY;BYDAY=TU",
)  # fmt: skip


class ScheduleKind(StrEnum):
    CALENDAR = "calendar"  # dates fixed by the calendar (an RRULE)
    AFTER_DONE = "after_done"  # next date counts from when the last one was done
    ON_DEMAND = "on_demand"  # started by hand only


_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_SHORT = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_NAMES = {
    name: code
    for code, names in zip(_CODES, (
        "mon monday", "tue tues tuesday", "wed weds wednesday", "thu thur thurs thursday",
        "fri friday", "sat saturday", "sun sunday"), strict=True)
    for name in names.split()
}  # fmt: skip
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_ORDINALS |= {"fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "last": -1}
_WEEKDAYS = "MO,TU,WE,TH,FR"
_MAX_EVERY = 999
_UNIT_DAYS = {"days": 1, "weeks": 7, "months": 30}  # for period_days
_SUB_DAILY = ("FREQ=HOURLY", "FREQ=MINUTELY", "FREQ=SECONDLY", "BYHOUR", "BYMINUTE", "BYSECOND")
_ESTIMATE_FROM, _ESTIMATE_TO = date(2001, 1, 1), date(2028, 12, 31)  # 28 years: all weekdays


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
            return _estimated_per_day(self.rule)
        parts = _parts(self.rule)
        interval = int(parts.get("INTERVAL", "1"))
        freq = parts["FREQ"]
        if freq == "DAILY":
            return 1.0 / interval
        if freq == "WEEKLY":
            return _count(parts, "BYDAY") / (7.0 * interval)
        if freq == "MONTHLY":
            return 12.0 / 365.25 / interval
        return _count(parts, "BYMONTH") / 365.25 / interval

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
        parts = _parts(self.rule)
        interval = int(parts.get("INTERVAL", "1"))
        per_freq = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 30}
        if parts["FREQ"] in per_freq:
            return per_freq[parts["FREQ"]] * interval
        return 365 * interval // _count(parts, "BYMONTH")

    def dates_between(self, anchor: date, start: date, end: date) -> list[date]:
        """The dates from `start` through `end` (none before `anchor`), sorted."""
        if self.kind is not ScheduleKind.CALENDAR or end < start:
            return []
        series = _series(self.rule, anchor, self._literal)
        dates = series.through(end)
        return dates[bisect_left(dates, start) : bisect_right(dates, end)]

    def next_after(self, anchor: date, day: date) -> date | None:
        """The first date strictly after `day` (and not before `anchor`); None once ended."""
        if self.kind is not ScheduleKind.CALENDAR:
            return None
        dates = _series(self.rule, anchor, self._literal).through(day)
        index = bisect_right(dates, day)
        return dates[index] if index < len(dates) else None

    def next_after_done(self, done_on: date) -> date:
        """The next date of an after-done schedule (Jan 31 + 1 month = end of February)."""
        if self.kind is not ScheduleKind.AFTER_DONE:
            raise ValueError(f'"{self.text}" does not count from when it was done')
        if self.unit == "months":
            return done_on + relativedelta(months=self.every)
        return done_on + relativedelta(days=self.every * _UNIT_DAYS[self.unit])

    @property
    def _literal(self) -> bool:
        """A raw RRULE, taken as written (no anchor days filled in, no clamping)."""
        return self.text.startswith("RRULE:")


# -- dates of a rule ---------------------------------------------------------------------


class _Series:
    """The dates of one rule from one anchor, generated lazily and kept sorted."""

    __slots__ = ("_dates", "_ended", "_lock", "_source")

    def __init__(self, source: rrule) -> None:
        self._source = iter(source)
        self._dates: list[date] = []
        self._ended = False
        self._lock = threading.Lock()

    def through(self, day: date) -> list[date]:
        """All dates known so far, having generated past `day` unless the rule ended."""
        with self._lock:
            dates = self._dates
            while not self._ended and (not dates or dates[-1] <= day):
                moment = next(self._source, None)
                if moment is None:
                    self._ended = True
                elif not dates or moment.date() > dates[-1]:
                    dates.append(moment.date())
            return dates


@lru_cache(maxsize=4096)
def _series(rule: str, anchor: date, literal: bool) -> _Series:
    body = rule if literal else _anchored(rule, anchor)
    return _Series(_rrule(body, anchor))


def _rrule(body: str, anchor: date) -> rrule:
    if "WKST=" not in body:
        body += ";WKST=MO"  # the RFC 5545 default, whatever the locale's first weekday
    start = datetime(anchor.year, anchor.month, anchor.day)
    parsed = rrulestr(body, dtstart=start, ignoretz=True)
    if not isinstance(parsed, rrule):  # pragma: no cover - a single RRULE line gives an rrule
        raise ScheduleError(f'"{body}" is not a single RRULE')
    return parsed


def _anchored(rule: str, anchor: date) -> str:
    """Fill in the anchor's day for "monthly" and "yearly", clamped to the month end."""
    parts = _parts(rule)
    if parts["FREQ"] == "MONTHLY" and not {"BYMONTHDAY", "BYDAY"} & parts.keys():
        return f"{rule};{_month_day(anchor.day)}"
    if parts["FREQ"] == "YEARLY" and "BYMONTH" not in parts:
        return f"{rule};BYMONTH={anchor.month};{_month_day(anchor.day, anchor.month)}"
    return rule


def _month_day(day: int, month: int = 0) -> str:
    """BYMONTHDAY for `day` (of any month, or of `month`), on the last day of a shorter month."""
    if day <= 28 or month not in (0, 2):
        return f"BYMONTHDAY={day}"
    return "BYMONTHDAY=" + ",".join(str(d) for d in range(28, day + 1)) + ";BYSETPOS=-1"


def _parts(rule: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in rule.split(";") if part)


def _count(parts: dict[str, str], name: str) -> int:
    return len(parts[name].split(",")) if name in parts else 1


@lru_cache(maxsize=256)
def _estimated_per_day(rule: str) -> float:
    dates = _series(rule, _ESTIMATE_FROM, True).through(_ESTIMATE_TO)
    within = bisect_right(dates, _ESTIMATE_TO)
    return within / ((_ESTIMATE_TO - _ESTIMATE_FROM).days + 1)


# -- parsing -----------------------------------------------------------------------------

_DAYS = r"[a-z]+(?:(?:, and |, | and )[a-z]+)*"
_EVERY = r"every (?:(?P<n>\d+) {unit}s?|(?P<other>other) {unit}|{unit})"


def parse_schedule(text: str, tz: str = "UTC") -> Schedule:
    """The schedule a phrase describes; ScheduleError says what is wrong with it."""
    _check_zone(tz)
    phrase = re.sub(r"\s+", " ", re.sub(r"\s*,\s*", ", ", text.strip().lower()))
    if not phrase:
        raise ScheduleError(
            "a schedule is needed: say when the process recurs, e.g. "
            '"weekly on fri", "monthly on the 15th" or "on demand"'
        )
    if phrase.startswith(("rrule:", "freq=")) or "dtstart" in phrase:
        body = _checked_rrule(text)
        return Schedule(f"RRULE:{body}", ScheduleKind.CALENDAR, rule=body, tz=tz)
    if phrase in ("on demand", "on-demand", "manual", "manually"):
        return Schedule("on demand", ScheduleKind.ON_DEMAND, tz=tz)
    if after_done := _after_done(phrase, tz):
        return after_done
    found = _calendar(phrase)
    if found is None:
        raise ScheduleError(
            f'unknown schedule "{text.strip()}"; phrases that work: ' + ", ".join(EXAMPLES)
        )
    canonical, rule = found
    return Schedule(canonical, ScheduleKind.CALENDAR, rule=rule, tz=tz)


def _check_zone(tz: str) -> None:
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as error:
        raise ScheduleError(
            f'unknown time zone "{tz}"; use an IANA name like "Europe/Berlin"'
        ) from error


def _after_done(phrase: str, tz: str) -> Schedule | None:
    match = re.fullmatch(r"(?:every )?(\d+) (day|week|month)s? after (?:done|completion)", phrase)
    if match is None:
        return None
    every, unit = _amount(match[1]), match[2]
    canonical = f"{every} {unit}{'' if every == 1 else 's'} after done"
    return Schedule(canonical, ScheduleKind.AFTER_DONE, every=every, unit=f"{unit}s", tz=tz)


def _calendar(phrase: str) -> tuple[str, str] | None:
    """The canonical phrase and RRULE body of a calendar phrase, or None."""
    if phrase in ("daily", "every day"):
        return "daily", "FREQ=DAILY"
    if phrase in ("weekdays", "every weekday"):
        return "weekdays", f"FREQ=WEEKLY;BYDAY={_WEEKDAYS}"
    if match := re.fullmatch(r"every other day|every (\d+) days?", phrase):
        every = 2 if match[1] is None else _amount(match[1])
        return _calendar("daily") if every == 1 else (f"every {every} days", _rule("DAILY", every))
    if match := re.fullmatch(
        rf"(?:weekly|biweekly|{_EVERY.format(unit='week')})(?: on ({_DAYS}))?", phrase
    ):
        return _weekly(_interval(match, phrase.startswith("biweekly")), match[3])
    if match := re.fullmatch(rf"(?:monthly|{_EVERY.format(unit='month')})(?: on (.+))?", phrase):
        return _monthly(_interval(match, False), match[3])
    if match := re.fullmatch(r"quarterly(?: on (?:the )?(first day|1st|last day))?", phrase):
        if match[1] == "last day":
            return "quarterly on the last day", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1"
        return "quarterly", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=1"
    if match := re.fullmatch(r"(?:yearly|annually|every year)(?: on (\d{1,2})-(\d{1,2}))?", phrase):
        return _yearly(match[1], match[2])
    if match := re.fullmatch(rf"every ({_DAYS})", phrase):
        return _every_days(match[1])
    return None


def _interval(match: re.Match[str], biweekly: bool) -> int:
    if biweekly or match["other"]:
        return 2
    return _amount(match["n"]) if match["n"] else 1


def _amount(digits: str) -> int:
    amount = int(digits)
    if not 1 <= amount <= _MAX_EVERY:
        raise ScheduleError(f"an interval goes from 1 to {_MAX_EVERY}, not {amount}")
    return amount


def _rule(freq: str, interval: int, *by: str) -> str:
    return ";".join((f"FREQ={freq}", *([f"INTERVAL={interval}"] if interval > 1 else []), *by))


def _day_codes(days: str) -> list[str] | None:
    names = re.split(r", and |, | and ", days)
    if not all(name in _DAY_NAMES for name in names):
        return None
    return sorted({_DAY_NAMES[name] for name in names}, key=_CODES.index)


def _day_text(codes: list[str]) -> str:
    return ", ".join(_SHORT[_CODES.index(code)] for code in codes)


def _weekly(interval: int, days: str | None) -> tuple[str, str] | None:
    head = "weekly" if interval == 1 else f"every {interval} weeks"
    if days is None:
        return head, _rule("WEEKLY", interval)
    codes = _day_codes(days)
    if codes is None:
        return None
    return f"{head} on {_day_text(codes)}", _rule("WEEKLY", interval, f"BYDAY={','.join(codes)}")


def _every_days(days: str) -> tuple[str, str] | None:
    codes = _day_codes(days)
    if codes is None:
        return None
    if len(codes) == len(_CODES):
        return "daily", "FREQ=DAILY"
    if ",".join(codes) == _WEEKDAYS:
        return "weekdays", f"FREQ=WEEKLY;BYDAY={_WEEKDAYS}"
    return f"every {_day_text(codes)}", f"FREQ=WEEKLY;BYDAY={','.join(codes)}"


def _monthly(interval: int, on: str | None) -> tuple[str, str] | None:
    head = "monthly" if interval == 1 else f"every {interval} months"
    if on is None:
        return head, _rule("MONTHLY", interval)
    on = {"first day": "1st"}.get(on.removeprefix("the "), on.removeprefix("the "))
    if on == "last day":
        by = "BYMONTHDAY=-1"
    elif match := re.fullmatch(r"(first|1st|last) weekday", on):
        on = f"{'last' if match[1] == 'last' else 'first'} weekday"
        by = f"BYDAY={_WEEKDAYS};BYSETPOS={-1 if match[1] == 'last' else 1}"
    elif (match := re.fullmatch(r"([a-z0-9]+) ([a-z]+)", on)) and match[1] in _ORDINALS:
        nth, codes = _ORDINALS[match[1]], _day_codes(match[2])
        if codes is None:
            return None
        if nth == 5:
            raise ScheduleError("an nth weekday of the month goes from the 1st to the 4th, or last")
        on = f"{'last' if nth == -1 else _ordinal(nth)} {_day_text(codes)}"
        by = f"BYDAY={nth:+d}{codes[0]}"
    elif match := re.fullmatch(r"(?:day )?(\d+)(?:st|nd|rd|th)?", on):
        day = int(match[1])
        if day > 31:
            raise ScheduleError(f"a month has at most 31 days, so there is no {_ordinal(day)}")
        if day < 1:
            raise ScheduleError("a day of the month goes from the 1st to the 31st")
        on, by = _ordinal(day), _month_day(day)
    else:
        return None
    return f"{head} on the {on}", _rule("MONTHLY", interval, by)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _yearly(month_text: str | None, day_text: str | None) -> tuple[str, str]:
    if month_text is None or day_text is None:
        return "yearly", "FREQ=YEARLY"
    month, day = int(month_text), int(day_text)
    try:
        date(2000, month, day)  # a leap year: 02-29 is a real date
    except ValueError:
        raise ScheduleError(
            f'"{month_text}-{day_text}" is not a date; write the month and day as MM-DD, e.g. 01-31'
        ) from None
    return (
        f"yearly on {month:02d}-{day:02d}",
        f"FREQ=YEARLY;BYMONTH={month};{_month_day(day, month)}",
    )


def _checked_rrule(text: str) -> str:
    """The normalized body of a raw RRULE, refused with a reason when it cannot work."""
    body = re.sub(r"\s+", "", text).upper().removeprefix("RRULE:")
    body = ";".join(part for part in body.split(";") if part)
    if "DTSTART" in body:
        raise ScheduleError(
            "an RRULE here must not carry DTSTART: it starts on the process's start date"
        )
    if malformed := [part for part in body.split(";") if part and "=" not in part]:
        raise ScheduleError(f'broken RRULE "{body}": "{malformed[0]}" is not NAME=VALUE')
    if not re.search(r"(^|;)FREQ=", body):
        raise ScheduleError(f'broken RRULE "{body}": FREQ is missing, e.g. FREQ=WEEKLY')
    if any(part in body for part in _SUB_DAILY):
        raise ScheduleError("Cockpit schedules dates, not times: use FREQ=DAILY or longer")
    parts = _parts(body)
    if "COUNT" in parts and "UNTIL" in parts:
        raise ScheduleError(f'broken RRULE "{body}": use COUNT or UNTIL, not both')
    try:
        parsed = _rrule(body, date(1900, 1, 1))
    except (ValueError, TypeError, KeyError) as error:
        raise ScheduleError(f'broken RRULE "{body}": {error}') from None
    if int(parts.get("INTERVAL", "1")) < 1:
        raise ScheduleError(f'broken RRULE "{body}": INTERVAL must be at least 1')
    if int(parts.get("COUNT", "1")) < 1:
        raise ScheduleError(f'broken RRULE "{body}": COUNT must be at least 1')
    if next(iter(parsed.replace(count=None)), None) is None:
        raise ScheduleError(f'the RRULE "{body}" never falls on a date')
    return body
