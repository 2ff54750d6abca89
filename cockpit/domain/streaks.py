"""The rules that judge the runs of a recurring process, and the one pass that applies them.

Everything here is pure: the occurrences and `today` come in as arguments.
`routines` turns the pass into the figures the Routines view and the weekly
review show.

Outcome of a run
    A run is *done on time*, *done late*, *skipped*, *missed*, or still *open*
    (not judged yet). A done run is on time when the local date it was done on
    (`closed_on`) is no later than the end of its grace, which follows the schedule:

    * daily-ish (a period of a day, or five runs a week or more: "daily",
      "weekdays"): the same day;
    * a period of 2 to 6 days ("every 3 days"), and every after-done schedule
      ("3 days after done", "2 weeks after done"): before another whole period
      has passed, i.e. within period - 1 days of the run's date;
    * weekly-ish (a period of one or two weeks: "weekly on fri", "every mon, thu",
      "every 2 weeks on fri"): by the Sunday that ends the ISO week of the run's date;
    * longer periods (every 3 weeks or more, monthly, quarterly, yearly): within a
      quarter of the period (period_days // 4): 7 days for monthly, 22 for quarterly.

    Done after its grace is late. Runs started by hand (`manual`, on-demand
    processes) are not judged and are left out of every figure.

Routine strength
    An exponential moving average of the runs, in the manner of Loop Habit
    Tracker. With f the schedule's runs per day, alpha = 0.5 ** (sqrt(f) / 13) is
    the share of the score kept per *day*. A run stands for 1 / f days, so each
    judged run, in date order, does score = score * w + value * (1 - w) with
    w = alpha ** (1 / f); for a daily process w = alpha. The value is 1 for a done
    run (late counts as done: the work was done; lateness shows in the outcomes)
    and 0 for a missed one; a skipped run leaves the score as it was (frozen), and
    so does an open past run until it is done or missed. The score starts at 0. A
    daily process done every day reaches 80 % after 30 runs and 96 % after 60; a
    weekly one, done every week, 80 % after 12 weeks (the same 80-odd days, as in
    Loop: sqrt(f) lets rarer processes need fewer runs but more time; applying the
    daily alpha per run instead would leave a monthly process short of 80 % for
    fourteen years).

Streaks
    A streak counts done runs (on time or late) in a row; a missed run breaks it,
    and a skipped (or not yet judged) run neither breaks nor extends it. The
    current streak counts back from the latest judged run; the best is the
    longest ever. A streak counts runs, so it is in the process's own period:
    `streak_unit` says what one run is: "days" for "daily", "weeks" for one run a
    week, "months" for one run a month, "runs" for anything else ("weekdays",
    "every 2 weeks", "quarterly", "3 days after done").

Slipping
    Missed `slipping_after` times in a row (3 by default); skips and open runs in
    between are passed over, a done run starts the count again.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from operator import attrgetter

from cockpit.domain.model import Process
from cockpit.domain.occurrence import Occurrence, OccurrenceStatus
from cockpit.domain.schedule import Schedule, ScheduleKind

RECENT_DAYS = 371  # the outcomes kept for sparklines and heatmaps: 53 weeks
LAST_RUNS = 8  # the runs kept, with the score after each, for the explanation
_TO_SUNDAY = tuple(timedelta(days=6 - weekday) for weekday in range(7))
_BY_DATE = attrgetter("date")  # a stable sort: runs of one date keep their order
_DONE, _MISSED, _SKIPPED = OccurrenceStatus.DONE, OccurrenceStatus.MISSED, OccurrenceStatus.SKIPPED


class Outcome(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    SKIPPED = "skipped"
    MISSED = "missed"
    OPEN = "open"  # still open: not judged yet

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def done(self) -> bool:
        return self in (Outcome.ON_TIME, Outcome.LATE)


_LABELS = {
    Outcome.ON_TIME: "done on time",
    Outcome.LATE: "done late",
    Outcome.SKIPPED: "skipped",
    Outcome.MISSED: "missed",
    Outcome.OPEN: "not judged yet",
}


@dataclass(frozen=True, slots=True)
class Rules:
    """What a schedule means for routines, worked out once per schedule."""

    per_day: float  # f: runs per day (0 on demand)
    alpha: float  # share of the score kept per day: 0.5 ** (sqrt(f) / 13)
    weight: float  # share of the score kept per run: alpha ** (1 / f)
    to_week_end: bool  # on time through the Sunday of the run's ISO week
    grace: timedelta  # otherwise: on time through date + grace
    streak_unit: str  # "days" | "weeks" | "months" | "runs"

    @property
    def days_per_run(self) -> float:
        return 1.0 / self.per_day if self.per_day else 0.0

    def grace_end(self, day: date) -> date:
        """The last date on which a run of `day` is done on time."""
        return day + (_TO_SUNDAY[day.weekday()] if self.to_week_end else self.grace)

    def runs_to_reach(self, score: float, threshold: float) -> int | None:
        """Done runs in a row that lift `score` to `threshold` (0: there; None: never)."""
        if score >= threshold:
            return 0
        if threshold >= 1 or self.weight >= 1:
            return None
        # 1 - (1 - score) * w**n >= threshold  <=>  n >= log((1 - threshold)/(1 - score)) / log(w)
        needed = math.log((1 - threshold) / (1 - score)) / math.log(self.weight)
        return max(1, math.ceil(needed - 1e-9))


@lru_cache(maxsize=1024)
def rules_for(schedule: Schedule) -> Rules:
    per_day = schedule.per_day
    period = schedule.period_days
    if per_day <= 0:  # on demand: nothing is judged
        return Rules(0.0, 1.0, 1.0, False, timedelta(), "runs")
    alpha = 0.5 ** (math.sqrt(per_day) / 13)
    weight = alpha ** (1 / per_day)
    to_week_end, grace = False, 0
    if schedule.kind is ScheduleKind.AFTER_DONE:
        grace = max(0, period - 1)
    elif period <= 1 or per_day >= 5 / 7 - 1e-9:
        grace = 0
    elif period < 7:
        grace = period - 1
    elif period <= 14:
        to_week_end = True
    else:
        grace = period // 4
    return Rules(per_day, alpha, weight, to_week_end, timedelta(days=grace), _unit(schedule))


def _unit(schedule: Schedule) -> str:
    if schedule.kind is not ScheduleKind.CALENDAR:
        return "runs"
    units = {1: "days", 7: "weeks", 30: "months"}
    period = schedule.period_days
    if period in units and abs(schedule.per_day * period - 1) < 0.03:
        return units[period]
    return "runs"


def outcome(occurrence: Occurrence, process: Process) -> Outcome:
    """How a run turned out, judged by its process's schedule (see the module's rules)."""
    status = occurrence.status
    if status is _DONE:
        closed = occurrence.closed_on
        end = rules_for(process.schedule).grace_end(occurrence.date)
        return Outcome.ON_TIME if closed is None or closed <= end else Outcome.LATE
    if status is _MISSED:
        return Outcome.MISSED
    if status is _SKIPPED:
        return Outcome.SKIPPED
    return Outcome.OPEN


def judged_runs(occurrences: Iterable[Occurrence], today: date | None = None) -> list[Occurrence]:
    """The runs that count, by date: no manual runs, and no open runs dated `today` or later."""
    kept = [
        run
        for run in occurrences
        if not run.manual and not (today is not None and run.date >= today and run.is_open)
    ]
    kept.sort(key=_BY_DATE)
    return kept


@dataclass(frozen=True, slots=True)
class Tally:
    """What one pass over a process's runs found."""

    strength: float
    strength_then: float  # after the last run dated on or before `then`
    current_streak: int
    best_streak: int
    missed_in_a_row: int
    outcomes: Mapping[Outcome, int]
    recent: tuple[tuple[date, Outcome], ...]  # runs dated from `recent_from` on
    last: tuple[tuple[date, Outcome, float], ...]  # the last runs, with the score after each


def tally(rules: Rules, runs: Sequence[Occurrence], then: date, recent_from: date) -> Tally:
    """Judge `runs` (sorted by date, as `judged_runs` gives them) in one pass."""
    weight, gain = rules.weight, 1.0 - rules.weight
    to_week_end, grace = rules.to_week_end, rules.grace
    tail_from = runs[-LAST_RUNS].date if len(runs) >= LAST_RUNS else date.min
    low = min(recent_from, tail_from)
    score = score_then = 0.0
    streak = best = misses = 0
    on_time = late = missed = skipped = pending = 0
    recent: list[tuple[date, Outcome]] = []
    last: deque[tuple[date, Outcome, float]] = deque(maxlen=LAST_RUNS)
    for run in runs:
        day, status = run.date, run.status
        if status is _DONE:
            closed = run.closed_on
            end = day + _TO_SUNDAY[day.weekday()] if to_week_end else day + grace
            if closed is None or closed <= end:
                result = Outcome.ON_TIME
                on_time += 1
            else:
                result = Outcome.LATE
                late += 1
            score = score * weight + gain
            streak += 1
            if streak > best:
                best = streak
            misses = 0
        elif status is _MISSED:
            result = Outcome.MISSED
            missed += 1
            score *= weight
            streak = 0
            misses += 1
        elif status is _SKIPPED:
            result = Outcome.SKIPPED
            skipped += 1
        else:
            result = Outcome.OPEN
            pending += 1
        if day <= then:
            score_then = score
        if day >= low:
            if day >= recent_from:
                recent.append((day, result))
            if day >= tail_from:
                last.append((day, result, score))
    return Tally(
        strength=score,
        strength_then=score_then,
        current_streak=streak,
        best_streak=best,
        missed_in_a_row=misses,
        outcomes={
            Outcome.ON_TIME: on_time,
            Outcome.LATE: late,
            Outcome.SKIPPED: skipped,
            Outcome.MISSED: missed,
            Outcome.OPEN: pending,
        },
        recent=tuple(recent),
        last=tuple(last),
    )


@dataclass(frozen=True, slots=True)
class Standing:
    """Where a process stood at the end of a day."""

    day: date
    strength: float
    missed_in_a_row: int


def standing_on(
    process: Process, occurrences: Iterable[Occurrence], days: Sequence[date]
) -> list[Standing]:
    """The strength and the misses in a row at the end of each of `days` (any order).

    Runs dated after a day do not count for it; runs are judged as they stand now.
    """
    return standing_in(rules_for(process.schedule), judged_runs(occurrences), days)


def standing_in(rules: Rules, runs: Sequence[Occurrence], days: Sequence[date]) -> list[Standing]:
    """`standing_on` for runs already sorted by date (manual runs are passed over)."""
    weight, gain = rules.weight, 1.0 - rules.weight
    order = sorted(set(days))
    found: dict[date, Standing] = {}
    score, misses, index = 0.0, 0, 0
    until = order[0] if order else date.min
    for run in runs:
        if run.date > until:
            while index < len(order) and run.date > order[index]:
                found[order[index]] = Standing(order[index], score, misses)
                index += 1
            if index == len(order):
                break
            until = order[index]
        status = run.status
        if status is _DONE:
            if not run.manual:
                score = score * weight + gain
                misses = 0
        elif status is _MISSED and not run.manual:
            score *= weight
            misses += 1
    for day in order[index:]:
        found[day] = Standing(day, score, misses)
    return [found[day] for day in days]
