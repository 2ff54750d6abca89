"""The dates of an RFC 5545 RRULE body, counted from an anchor date.

All arithmetic is done by dateutil.rrule on naive midnights, so daylight saving
time and zones can never move, skip or duplicate a date. The anchor is the
rule's DTSTART; weeks start on Monday unless the rule says otherwise (WKST).

A rule written by Cockpit's phrases is *anchored*: a bare "monthly" or "yearly"
takes the anchor's day (and month), falling on the last day of a shorter month.
A raw RRULE is *literal*: taken as written.

The dates of a rule from an anchor are generated lazily and kept, so that asking
for later and later windows never expands the rule twice.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from itertools import islice, pairwise, takewhile

from dateutil.rrule import rrule, rrulestr

from cockpit.domain.errors import ScheduleError

_ESTIMATE_FROM, _ESTIMATE_TO = date(2001, 1, 1), date(2028, 12, 31)  # 28 years: all weekdays
_GAP_DATES, _GAP_YEARS = 400, 28  # enough dates, or years, to meet every month and weekday mix


class Series:
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


def series(rule: str, anchor: date, literal: bool) -> Series:
    """The (shared) series of `rule` from `anchor`; `literal` for a raw RRULE."""
    return _series(rule if literal else _anchored(rule, anchor), anchor)


@lru_cache(maxsize=4096)
def _series(body: str, start: date) -> Series:
    return Series(build_rrule(body, start))


def dates_between(rule: str, anchor: date, literal: bool, start: date, end: date) -> list[date]:
    """The dates of `rule` from `anchor` that fall from `start` through `end`, sorted."""
    body = rule if literal else _anchored(rule, anchor)
    dates = _series(body, later_anchor(body, anchor, start)).through(end)
    return dates[bisect_left(dates, start) : bisect_right(dates, end)]


def first_after(rule: str, anchor: date, literal: bool, day: date) -> date | None:
    """The first date of `rule` from `anchor` strictly after `day` (None once it ended)."""
    body = rule if literal else _anchored(rule, anchor)
    dates = _series(body, later_anchor(body, anchor, day)).through(day)
    index = bisect_right(dates, day)
    return dates[index] if index < len(dates) else None


def later_anchor(body: str, anchor: date, before: date) -> date:
    """A start for the rule `body` (an RRULE counted from `anchor`) that gives the same dates
    on and after it, at least a period before `before`; `anchor` when there is none or it
    is near. A schedule begun years ago is then not counted out from its first day.

    The start is `anchor` moved by whole multiples of the rule's period (INTERVAL days,
    weeks, months or years): the same weekday, day of the month and month, in a period the
    rule counts, so every part the rule takes from its start, and every BYSETPOS counted in
    a whole period, is unchanged. A COUNT counts from the first date: never moved. A day
    after the 28th is not moved by months (a shorter month would change it)."""
    if before <= anchor:
        return anchor
    parts = rule_parts(body)
    if "COUNT" in parts:
        return anchor
    every = int(parts.get("INTERVAL", "1"))
    freq = parts["FREQ"]
    if freq in ("DAILY", "WEEKLY"):
        step = every * (7 if freq == "WEEKLY" else 1)
        periods = (before - anchor).days // step - 1
        return anchor + timedelta(days=periods * step) if periods > 0 else anchor
    if freq in ("MONTHLY", "YEARLY") and anchor.day <= 28:
        step = every * (12 if freq == "YEARLY" else 1)
        months = (before.year - anchor.year) * 12 + before.month - anchor.month
        periods = months // step - 1
        if periods <= 0:
            return anchor
        month = anchor.month - 1 + periods * step
        return date(anchor.year + month // 12, month % 12 + 1, anchor.day)
    return anchor


def build_rrule(body: str, anchor: date) -> rrule:
    """The dateutil rule of an RRULE body starting on `anchor` (weeks from Monday)."""
    if "WKST=" not in body:
        body += ";WKST=MO"  # the RFC 5545 default, whatever the locale's first weekday
    start = datetime(anchor.year, anchor.month, anchor.day)
    parsed = rrulestr(body, dtstart=start, ignoretz=True)
    if not isinstance(parsed, rrule):  # pragma: no cover - a single RRULE line gives an rrule
        raise ScheduleError(f'"{body}" is not a single RRULE')
    return parsed


def _anchored(rule: str, anchor: date) -> str:
    """Fill in the anchor's day for "monthly" and "yearly", clamped to the month end."""
    parts = rule_parts(rule)
    if parts["FREQ"] == "MONTHLY" and not {"BYMONTHDAY", "BYDAY"} & parts.keys():
        return f"{rule};{month_day(anchor.day)}"
    if parts["FREQ"] == "YEARLY" and "BYMONTH" not in parts:
        return f"{rule};BYMONTH={anchor.month};{month_day(anchor.day, anchor.month)}"
    return rule


def month_day(day: int, month: int = 0) -> str:
    """BYMONTHDAY for `day` (of any month, or of `month`), on the last day of a shorter month."""
    if day <= 28 or month not in (0, 2):
        return f"BYMONTHDAY={day}"
    return "BYMONTHDAY=" + ",".join(str(d) for d in range(28, day + 1)) + ";BYSETPOS=-1"


def rule_parts(rule: str) -> dict[str, str]:
    """The NAME=VALUE parts of an RRULE body."""
    return dict(part.split("=", 1) for part in rule.split(";") if part)


def value_count(parts: dict[str, str], name: str) -> int:
    """How many comma-separated values the part `name` has (1 when it is absent)."""
    return len(parts[name].split(",")) if name in parts else 1


@lru_cache(maxsize=256)
def estimated_per_day(rule: str) -> float:
    """The dates per day of a literal rule, counted over 28 years (every weekday/date mix)."""
    dates = series(rule, _ESTIMATE_FROM, True).through(_ESTIMATE_TO)
    within = bisect_right(dates, _ESTIMATE_TO)
    return within / ((_ESTIMATE_TO - _ESTIMATE_FROM).days + 1)


@lru_cache(maxsize=1024)
def shortest_gap(rule: str, anchor: date, literal: bool) -> int | None:
    """The fewest days between two consecutive dates of `rule` from `anchor` (None: one date).

    Counted over the first 400 dates or 28 years, whichever ends first: every mix of month
    lengths, leap years and weekdays a rule can meet.
    """
    body = rule if literal else _anchored(rule, anchor)
    last = datetime.combine(anchor + timedelta(days=365 * _GAP_YEARS + _GAP_YEARS // 4), time())
    moments = islice(takewhile(last.__ge__, build_rrule(body, anchor)), _GAP_DATES)
    dates = [moment.date() for moment in moments]
    return min(((b - a).days for a, b in pairwise(dates)), default=None)
